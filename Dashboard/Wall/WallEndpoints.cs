using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Wall;

public static class WallEndpoints
{
    /// <summary>
    /// <c>GET /api/wall/snapshot?scope=</c>: everything the wall draws, at the head sequence the client then
    /// subscribes from; <c>GET /api/wall/stats?scope=</c>: only the aggregates, for the refresh after live changes.
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
        return endpoints;
    }

    private static IResult Refusal(WallAccessDecision decision) =>
        Results.Problem(title: decision.StatusCode == StatusCodes.Status400BadRequest ? "Invalid scope" : "Display token required",
            detail: decision.Reason, statusCode: decision.StatusCode);
}
