using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Wall;

public static class WallEndpoints
{
    /// <summary>
    /// <c>GET /api/wall/snapshot?scope=</c>: everything the wall draws, at the head sequence the client then
    /// subscribes from; <c>GET /api/wall/stats?scope=</c>: only the aggregates, for the refresh after live changes;
    /// <c>GET /api/wall/replay?scope=&amp;at=</c>: the snapshot as it was at a past instant (time machine);
    /// <c>GET /api/wall/field?scope=[&amp;at=]</c>: grid workers' patrols of the day and the cameras; the hub
    /// <c>/hubs/wall</c> (<see cref="WallHub"/>) takes the views directors send to the walls.
    /// </summary>
    public static IEndpointRouteBuilder MapWall(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/wall").WithTags("Wall");
        api.MapGet("/snapshot", async ([FromQuery] string? scope, HttpContext http, WallSnapshotQuery query, CancellationToken ct) =>
            WallAccess.Decide(http.User, scope) is { Scope: { } allowed }
                ? Results.Ok(await query.GetAsync(allowed, ct))
                : Refusal(WallAccess.Decide(http.User, scope)))
            .WithName("WallSnapshot");
        api.MapGet("/stats", async ([FromQuery] string? scope, HttpContext http, WallSnapshotQuery query, CancellationToken ct) =>
            WallAccess.Decide(http.User, scope) is { Scope: { } allowed }
                ? Results.Ok(await query.GetStatsAsync(allowed, ct))
                : Refusal(WallAccess.Decide(http.User, scope)))
            .WithName("WallStats");
        api.MapGet("/replay", async ([FromQuery] string? scope, [FromQuery] string? at, HttpContext http, WallReplayQuery query, CancellationToken ct) =>
        {
            var decision = WallAccess.Decide(http.User, scope);
            if (decision.Scope is not { } allowed)
            {
                return Refusal(decision);
            }

            return query.ParseAt(at, out var error) is { } instant
                ? Results.Ok(await query.GetAsync(allowed, instant, ct))
                : Results.Problem(title: "Invalid replay time", detail: error, statusCode: StatusCodes.Status400BadRequest);
        }).WithName("WallReplay");
        api.MapGet("/field", async ([FromQuery] string? scope, [FromQuery] string? at, HttpContext http, WallFieldQuery query, WallReplayQuery replay, CancellationToken ct) =>
        {
            var decision = WallAccess.Decide(http.User, scope);
            if (decision.Scope is not { } allowed)
            {
                return Refusal(decision);
            }

            DateTimeOffset? instant = null;
            if (!string.IsNullOrEmpty(at) && (instant = replay.ParseAt(at, out var error)) is null)
            {
                return Results.Problem(title: "Invalid replay time", detail: error, statusCode: StatusCodes.Status400BadRequest);
            }

            return Results.Ok(await query.GetAsync(allowed, instant, ct));
        }).WithName("WallField");
        endpoints.MapHub<WallHub>(WallHub.Path);
        return endpoints;
    }

    private static IResult Refusal(WallAccessDecision decision) =>
        Results.Problem(title: decision.StatusCode == StatusCodes.Status400BadRequest ? "Invalid scope" : "Display token required",
            detail: decision.Reason, statusCode: decision.StatusCode);
}
