using Dashboard.Core.Incidents;
using Dashboard.Core.Quarantine;
using Dashboard.Core.Storage;
using Dashboard.Ingest.Pipeline;
using Dashboard.Ingest.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Ingest.Apis;

/// <summary>
/// Read access to what the pipeline stored. Never public: an API key with read rights is required
/// (the demo key in the demo; signed-in users come with the Dashboard's authentication).
/// </summary>
public static class IncidentQueryEndpoints
{
    private const int MaxRows = 500;

    public static IEndpointRouteBuilder MapIncidentQueries(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents").AddEndpointFilter(RequireReader);
        incidents.MapGet("/", ListAsync);
        incidents.MapGet("/{number}", GetAsync);
        incidents.MapGet("/by-source/{source}/{externalId}", BySourceAsync);
        app.MapGet("/api/quarantine", QuarantineAsync).WithTags("Quarantine").AddEndpointFilter(RequireReader);
        return app;
    }

    private static async ValueTask<object?> RequireReader(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var check = http.RequestServices.GetRequiredService<ApiKeyGate>().CheckReader(http.Request.Headers[FeedEndpoints.ApiKeyHeader]);
        return check == KeyCheck.Accepted ? await next(context) : FeedResults.KeyProblem(check, "reading", http);
    }

    private static async Task<IResult> ListAsync(
        IDbContextFactory<CityDbContext> contexts,
        string? source,
        string? status,
        string? street,
        string? grid,
        string? category,
        DateTimeOffset? from,
        DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<Incident>().AsNoTracking();
        if (source is not null)
        {
            if (!FeedSourceNames.TryParse(source, out var feedSource))
            {
                return BadFilter("source", $"'{source}' is not one of {string.Join(", ", Enum.GetNames<Normalization.FeedSource>())}");
            }

            var incidentSource = IncidentBatchWriter.ToIncidentSource(feedSource);
            query = query.Where(i => i.Reports.Any(r => r.Source == incidentSource));
        }

        if (status is not null)
        {
            if (!Enum.TryParse<IncidentStatus>(status, ignoreCase: true, out var parsed))
            {
                return BadFilter("status", $"'{status}' is not one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}");
            }

            query = query.Where(i => i.Status == parsed);
        }

        if (street is not null)
        {
            query = query.Where(i => i.Location.StreetCode == street);
        }

        if (grid is not null)
        {
            query = query.Where(i => i.Location.GridCode == grid);
        }

        if (category is not null)
        {
            query = query.Where(i => i.ItemCode == category || i.ItemCode.StartsWith(category + "-"));
        }

        if (from is { } f)
        {
            var fromUtc = f.ToUniversalTime();
            query = query.Where(i => i.OccurredUtc >= fromUtc);
        }

        if (to is { } t)
        {
            var toUtc = t.ToUniversalTime();
            query = query.Where(i => i.OccurredUtc < toUtc);
        }

        var rows = await query.Include(i => i.Reports).AsSplitQuery()
            .OrderByDescending(i => i.Id).Take(MaxRows).ToListAsync(cancellationToken);
        return Results.Ok(rows.Select(IncidentView.Of));
    }

    private static async Task<IResult> GetAsync(IDbContextFactory<CityDbContext> contexts, string number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<Incident>().AsNoTracking().Include(i => i.Reports).AsSplitQuery().OrderBy(i => i.Id)
            .FirstOrDefaultAsync(i => i.Number == number, cancellationToken);
        return incident is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such incident", detail: $"number: {number} is not an incident")
            : Results.Ok(IncidentView.Of(incident));
    }

    private static async Task<IResult> BySourceAsync(IDbContextFactory<CityDbContext> contexts, string source, string externalId, CancellationToken cancellationToken)
    {
        if (!FeedSourceNames.TryParse(source, out var feedSource))
        {
            return BadFilter("source", $"'{source}' is not one of {string.Join(", ", Enum.GetNames<Normalization.FeedSource>())}");
        }

        var incidentSource = IncidentBatchWriter.ToIncidentSource(feedSource);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<Incident>().AsNoTracking().Include(i => i.Reports).AsSplitQuery().OrderBy(i => i.Id)
            .FirstOrDefaultAsync(i => i.Reports.Any(r => r.Source == incidentSource && r.ExternalId == externalId), cancellationToken);
        return incident is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such report", detail: $"externalId: no {source} message {externalId} is stored")
            : Results.Ok(IncidentView.Of(incident));
    }

    private static async Task<IResult> QuarantineAsync(IDbContextFactory<CityDbContext> contexts, string? source, int? limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<QuarantinedMessage>().AsNoTracking();
        if (source is not null)
        {
            var name = source.ToLowerInvariant();
            query = query.Where(q => q.Source == name);
        }

        var rows = await query.OrderByDescending(q => q.Id).Take(Math.Clamp(limit ?? 100, 1, MaxRows)).ToListAsync(cancellationToken);
        return Results.Ok(rows.Select(q => new
        {
            q.Id,
            q.Source,
            q.ReceivedAtUtc,
            q.Field,
            q.Reason,
            q.ContentType,
            q.Sha256,
            q.RemoteAddress,
            bytes = q.Payload.Length,
            payload = System.Text.Encoding.UTF8.GetString(q.Payload.AsSpan(0, Math.Min(q.Payload.Length, 4096))),
        }));
    }

    private static IResult BadFilter(string field, string problem) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad filter", detail: $"{field}: {problem}",
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
