using Dashboard.Ingest.Normalization;
using Dashboard.Ingest.Pipeline;
using Dashboard.Ingest.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest.Apis;

/// <summary>
/// The feed endpoints, mapped identically by the Dashboard and by the standalone ingest worker. Every
/// request is answered only after its events are committed (or refused), never before.
/// </summary>
public static class FeedEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";

    private static readonly (string Pattern, FeedSource Source)[] Routes =
    [
        ("/hotline", FeedSource.Hotline12345),
        ("/cap", FeedSource.Cap),
        ("/camera/isapi", FeedSource.Isapi),
        ("/camera/events", FeedSource.Camera),
        ("/grid/reports", FeedSource.Grid),
    ];

    /// <summary>Maps the feeds (<c>/api/feeds/...</c>, <c>/open311/v2/...</c>) and the incident and quarantine queries.</summary>
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/feeds").WithTags("Feeds").DisableAntiforgery();
        foreach (var (pattern, source) in Routes)
        {
            feeds.MapPost(pattern, (HttpContext http, ApiKeyGate gate, FeedIntake intake, IOptions<IngestOptions> options) =>
                ReceiveAsync(source, http, gate, options.Value, (body, type, remote, ct) => intake.ReceiveAsync(source, body, type, remote, ct)));
        }

        feeds.MapPost("/iot/telemetry", (HttpContext http, ApiKeyGate gate, FeedIntake intake, IOptions<IngestOptions> options) =>
            ReceiveAsync(FeedSource.Iot, http, gate, options.Value, (body, type, remote, ct) => intake.ReceiveTelemetryAsync(body, type, remote, ct)));
        feeds.MapPost("/grid/positions", (HttpContext http, ApiKeyGate gate, FeedIntake intake, IOptions<IngestOptions> options) =>
            ReceiveAsync(FeedSource.Grid, http, gate, options.Value, (body, type, remote, ct) => intake.ReceivePatrolAsync(body, type, remote, ct)));

        app.MapOpen311();
        app.MapIncidentQueries();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        FeedSource source,
        HttpContext http,
        ApiKeyGate gate,
        IngestOptions options,
        Func<byte[], string, string?, CancellationToken, Task<IntakeResult>> receive)
    {
        var check = gate.CheckFeed(source, http.Request.Headers[ApiKeyHeader]);
        if (check != KeyCheck.Accepted)
        {
            return FeedResults.KeyProblem(check, source.ToString(), http);
        }

        var body = await RequestBody.ReadCappedAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return FeedResults.TooLarge(options.MaxBodyBytes);
        }

        var contentType = http.Request.ContentType ?? "application/octet-stream";
        var result = await receive(body, contentType, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        return FeedResults.Render(source, result, http);
    }
}
