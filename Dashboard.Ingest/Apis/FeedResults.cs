using Dashboard.Ingest.Normalization;
using Dashboard.Ingest.Pipeline;
using Dashboard.Ingest.Security;

namespace Dashboard.Ingest.Apis;

/// <summary>How the feed endpoints (all but Open311, which has its own error format) answer.</summary>
internal static class FeedResults
{
    public static IResult Render(FeedSource source, IntakeResult result, HttpContext http) => result switch
    {
        IntakeResult.Stored stored => Results.Ok(new
        {
            events = stored.Receipt.Events.Select(e => new
            {
                externalId = e.ExternalId,
                incident = e.IncidentNumber,
                outcome = e.Outcome.ToString(),
                reason = e.Reason,
            }),
            readingsStored = stored.Receipt.ReadingsStored,
        }),
        IntakeResult.Ignored ignored => Results.Ok(new { events = Array.Empty<object>(), ignored = ignored.Reason }),
        IntakeResult.Rejected rejected => Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"The {source} message was refused",
            detail: $"{rejected.Error.Field}: {rejected.Error.Problem}",
            extensions: new Dictionary<string, object?>
            {
                ["field"] = rejected.Error.Field,
                ["quarantineId"] = rejected.QuarantineId,
            }),
        IntakeResult.Busy busy => Busy(http, busy.RetryAfterSeconds),
        IntakeResult.Failed failed => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Not stored", detail: failed.Problem),
        _ => throw new InvalidOperationException($"Unknown intake result {result}."),
    };

    public static IResult Busy(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The ingest pipeline is full",
            detail: $"Retry after {retryAfterSeconds} s; nothing from this request was stored.");
    }

    public static IResult TooLarge(int maxBytes) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The message is too large",
        detail: $"body: over the {maxBytes}-byte limit",
        extensions: new Dictionary<string, object?> { ["field"] = "body" });

    /// <summary>401 without a key, 403 with a wrong key or a switched-off feed, 429 over the key's budget.</summary>
    public static IResult KeyProblem(KeyCheck check, string what, HttpContext http, int retryAfterSeconds = 1)
    {
        switch (check)
        {
            case KeyCheck.Missing:
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                    detail: $"X-Api-Key: send the {what} key in the X-Api-Key header");
            case KeyCheck.RateLimited:
                http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"X-Api-Key: this key is over its request rate; retry after {retryAfterSeconds} s");
            case KeyCheck.FeedDisabled:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Feed switched off",
                    detail: $"The {what} feed is disabled in this deployment.");
            default:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "API key refused",
                    detail: $"X-Api-Key: the key is not valid for {what}");
        }
    }
}
