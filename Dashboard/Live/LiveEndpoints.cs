using Dashboard.Core.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Live;

public static class LiveEndpoints
{
    public const string HubPath = "/hubs/live";

    /// <summary>Maps the live hub at <c>/hubs/live</c> and <c>GET /api/live/snapshot?scope=</c>.</summary>
    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(HubPath, options =>
        {
            // Clients send only Subscribe/Unsubscribe: a small inbound buffer is plenty and limits abuse.
            options.ApplicationMaxBufferSize = 16 * 1024;
            options.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
        });

        endpoints.MapGroup("/api/live").MapGet("/snapshot", GetSnapshotHeadAsync)
            .WithName("LiveSnapshotHead");
        return endpoints;
    }

    /// <summary>
    /// The change log's head for a scope the caller may follow. The client reads it first, then loads its data over
    /// HTTP, then subscribes with it as lastSeq: deltas newer than the head arrive live, older ones are in the data.
    /// </summary>
    private static async Task<IResult> GetSnapshotHeadAsync(
        [FromQuery] string? scope,
        HttpContext context,
        ILiveScopeAuthorizer authorizer,
        ChangeLogReader reader,
        CancellationToken cancellationToken)
    {
        if (!LiveScope.TryParse(scope, out var parsed, out var error))
        {
            return Results.Problem(title: "Invalid scope", detail: error, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["field"] = "scope" });
        }

        var decision = await authorizer.AuthorizeAsync(context.User, parsed, cancellationToken);
        if (!decision.IsAllowed)
        {
            return Results.Problem(title: "Scope refused", detail: decision.Reason, statusCode: StatusCodes.Status403Forbidden);
        }

        return Results.Ok(new LiveSnapshotHead(parsed.ToString(), await reader.ReadHeadAsync(cancellationToken)));
    }
}
