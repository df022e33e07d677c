using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Ingest.Classification;
using Dashboard.Ingest.Feeds.Open311;
using Dashboard.Ingest.Normalization;
using Dashboard.Ingest.Pipeline;
using Dashboard.Ingest.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest.Apis;

/// <summary>
/// Open311 GeoReport v2: the catalog as services, citizen requests in, their status out, in both of the spec's
/// formats (<c>.xml</c>, which the spec makes mandatory, and <c>.json</c>). Errors use the spec's body in the same
/// format (<c>[{"code":403,"description":"..."}]</c> or <c>&lt;errors&gt;&lt;error&gt;…</c>), not problem details.
/// A request's <c>service_request_id</c> is the number of the incident it opened or joined; its <c>token</c> is the
/// hash the request is stored under, and <c>GET tokens/{token}</c> turns it back into the id.
/// </summary>
public static class Open311Endpoints
{
    private const int MaxRows = 1000;
    private static readonly TimeSpan SiteOffset = TimeSpan.FromHours(8);

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var open311 = app.MapGroup("/open311/v2").WithTags("Open311").DisableAntiforgery();
        foreach (var format in new[] { Open311Format.Json, Open311Format.Xml })
        {
            var ext = format == Open311Format.Xml ? "xml" : "json";
            open311.MapGet($"/services.{ext}", (IncidentClassifier classifier) => Services(classifier, format));
            open311.MapPost($"/requests.{ext}", (HttpContext http, ApiKeyGate gate, FeedIntake intake, IOptions<IngestOptions> options) =>
                PostRequestAsync(http, gate, intake, options, format));
            open311.MapGet($"/requests.{ext}", (HttpContext http, ApiKeyGate gate, IDbContextFactory<CityDbContext> contexts, IncidentClassifier classifier, TimeProvider time,
                string? service_request_id, string? service_code, string? start_date, string? end_date, string? status, CancellationToken cancellationToken) =>
                ListRequestsAsync(http, gate, contexts, classifier, time, service_request_id, service_code, start_date, end_date, status, format, cancellationToken));
            open311.MapGet($"/requests/{{id}}.{ext}", (HttpContext http, ApiKeyGate gate, IDbContextFactory<CityDbContext> contexts, IncidentClassifier classifier, string id, CancellationToken cancellationToken) =>
                GetRequestAsync(http, gate, contexts, classifier, id, format, cancellationToken));
            open311.MapGet($"/tokens/{{token}}.{ext}", (HttpContext http, ApiKeyGate gate, IDbContextFactory<CityDbContext> contexts, string token, CancellationToken cancellationToken) =>
                GetTokenAsync(http, gate, contexts, token, format, cancellationToken));
        }

        return app;
    }

    private static IResult Services(IncidentClassifier classifier, Open311Format format) =>
        Open311Output.Render("services", "service", classifier.Catalog.Items.Select(item => new Dictionary<string, object?>
        {
            ["service_code"] = item.Code,
            ["service_name"] = item.Name,
            ["description"] = item.NameEn,
            ["metadata"] = false,
            ["type"] = "realtime",
            ["keywords"] = string.Join(",", item.FeedKeys),
            ["group"] = item.MajorClassName,
        }), format);

    private static async Task<IResult> PostRequestAsync(HttpContext http, ApiKeyGate gate, FeedIntake intake, IOptions<IngestOptions> options, Open311Format format)
    {
        var max = options.Value.MaxBodyBytes;
        var body = await RequestBody.ReadCappedAsync(http.Request, max, http.RequestAborted);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"body: over the {max}-byte limit", format);
        }

        var contentType = http.Request.ContentType ?? "application/x-www-form-urlencoded";
        var key = http.Request.Query["api_key"].FirstOrDefault() ?? PeekApiKey(body, contentType);
        var check = gate.CheckFeed(FeedSource.Open311, key);
        if (check != KeyCheck.Accepted)
        {
            return KeyError(check, http, "create_request", format);
        }

        var result = await intake.ReceiveAsync(FeedSource.Open311, body, contentType, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        switch (result)
        {
            case IntakeResult.Stored stored:
                return Open311Output.Render("service_requests", "request", stored.Receipt.Events.Select(e => new Dictionary<string, object?>
                {
                    ["service_request_id"] = e.IncidentNumber,
                    ["token"] = TokenOf(e.ExternalId),
                    ["service_notice"] = e.Outcome switch
                    {
                        IngestOutcome.Created => "Registered as a new case.",
                        IngestOutcome.Unchanged => "This request was received before.",
                        IngestOutcome.Updated => "The request's update was recorded on its case.",
                        _ => "Joined an open case about the same problem: " + e.Reason,
                    },
                    ["account_id"] = null,
                }), format);
            case IntakeResult.Rejected rejected:
                return Error(StatusCodes.Status400BadRequest, $"{rejected.Error.Field}: {rejected.Error.Problem}", format);
            case IntakeResult.Busy busy:
                http.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Error(StatusCodes.Status503ServiceUnavailable, $"The service is busy; retry after {busy.RetryAfterSeconds} s.", format);
            case IntakeResult.Ignored ignored:
                return Error(StatusCodes.Status400BadRequest, ignored.Reason, format);
            default:
                return Error(StatusCodes.Status500InternalServerError, "The request could not be stored; retry it.", format);
        }
    }

    private static async Task<IResult> ListRequestsAsync(
        HttpContext http,
        ApiKeyGate gate,
        IDbContextFactory<CityDbContext> contexts,
        IncidentClassifier classifier,
        TimeProvider time,
        string? service_request_id,
        string? service_code,
        string? start_date,
        string? end_date,
        string? status,
        Open311Format format,
        CancellationToken cancellationToken)
    {
        if (ReaderError(http, gate, format) is { } denied)
        {
            return denied;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<Incident>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(service_request_id))
        {
            // The spec: a list of ids overrides every other filter.
            var ids = service_request_id.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            query = query.Where(i => ids.Contains(i.Number));
        }
        else
        {
            if (!TryParseDate(start_date, "start_date", out var start, out var startError))
            {
                return Error(StatusCodes.Status400BadRequest, startError!, format);
            }

            if (!TryParseDate(end_date, "end_date", out var end, out var endError))
            {
                return Error(StatusCodes.Status400BadRequest, endError!, format);
            }

            var endUtc = end ?? time.GetUtcNow();
            var startUtc = start ?? endUtc.AddDays(-90);
            query = query.Where(i => i.ReportedUtc >= startUtc && i.ReportedUtc <= endUtc);
            if (!string.IsNullOrWhiteSpace(service_code))
            {
                query = query.Where(i => i.ItemCode == service_code);
            }

            switch (status?.Trim().ToLowerInvariant())
            {
                case null or "":
                    break;
                case "open":
                    query = query.Where(i => i.Status != IncidentStatus.Closed && i.Status != IncidentStatus.Merged && i.Status != IncidentStatus.Rejected);
                    break;
                case "closed":
                    query = query.Where(i => i.Status == IncidentStatus.Closed || i.Status == IncidentStatus.Merged || i.Status == IncidentStatus.Rejected);
                    break;
                default:
                    return Error(StatusCodes.Status400BadRequest, $"status: '{status}' is not open or closed", format);
            }
        }

        var rows = await query.OrderByDescending(i => i.Id).Take(MaxRows).ToListAsync(cancellationToken);
        return Open311Output.Render("service_requests", "request", rows.Select(i => ToServiceRequest(i, classifier.Catalog)), format);
    }

    private static async Task<IResult> GetRequestAsync(HttpContext http, ApiKeyGate gate, IDbContextFactory<CityDbContext> contexts, IncidentClassifier classifier, string id, Open311Format format, CancellationToken cancellationToken)
    {
        if (ReaderError(http, gate, format) is { } denied)
        {
            return denied;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Number == id, cancellationToken);
        if (incident is null)
        {
            return Error(StatusCodes.Status404NotFound, $"service_request_id: {id} is not a known request", format);
        }

        // A request merged into another case follows that case: the citizen's problem is handled there.
        var master = incident.MergedIntoNumber is { } masterNumber
            ? await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Number == masterNumber, cancellationToken)
            : null;
        var request = ToServiceRequest(master ?? incident, classifier.Catalog);
        if (master is not null)
        {
            request["service_request_id"] = incident.Number;
            request["status_notes"] = CitizenStatus.Notes(incident, code => code) + "; " + request["status_notes"];
        }

        return Open311Output.Render("service_requests", "request", [request], format);
    }

    /// <summary>
    /// GET tokens/{token}: the service_request_id a token stands for. Tokens are the hex SHA-256 a citizen's request is
    /// stored under, so they stay valid whatever case the request ends up in (a merged duplicate answers with its master).
    /// </summary>
    private static async Task<IResult> GetTokenAsync(HttpContext http, ApiKeyGate gate, IDbContextFactory<CityDbContext> contexts, string token, Open311Format format, CancellationToken cancellationToken)
    {
        if (ReaderError(http, gate, format) is { } denied)
        {
            return denied;
        }

        if (token.Length != 64 || !token.All(char.IsAsciiHexDigitLower))
        {
            return Error(StatusCodes.Status404NotFound, $"token: '{token}' is not a token this server issued", format);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var externalId = TokenPrefix + token;
        var number = await db.Set<IncidentReport>().AsNoTracking()
            .Where(r => r.Source == IncidentSource.Open311 && r.ExternalId == externalId)
            .Join(db.Set<Incident>(), r => EF.Property<long>(r, "IncidentId"), i => i.Id, (r, i) => i.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return number is null
            ? Error(StatusCodes.Status404NotFound, $"token: {token} is not a known request", format)
            : Open311Output.Render("service_requests", "request", [new Dictionary<string, object?> { ["service_request_id"] = number, ["token"] = token }], format);
    }

    private const string TokenPrefix = "sha256:";

    /// <summary>The token of a citizen's request (none for an upstream request, which has its own id).</summary>
    private static string? TokenOf(string externalId) =>
        externalId.StartsWith(TokenPrefix, StringComparison.Ordinal) ? externalId[TokenPrefix.Length..] : null;

    /// <summary>Reading back requests needs the Open311 key or a reader key: incidents are never public.</summary>
    private static IResult? ReaderError(HttpContext http, ApiKeyGate gate, Open311Format format)
    {
        var key = http.Request.Query["api_key"].FirstOrDefault() ?? http.Request.Headers[FeedEndpoints.ApiKeyHeader].FirstOrDefault();
        if (gate.CheckReader(key) == KeyCheck.Accepted)
        {
            return null;
        }

        var check = gate.CheckFeed(FeedSource.Open311, key);
        return check == KeyCheck.Accepted ? null : KeyError(check, http, "get_service_requests", format);
    }

    private static Dictionary<string, object?> ToServiceRequest(Incident incident, InspectionCatalog catalog)
    {
        return new Dictionary<string, object?>
        {
            ["service_request_id"] = incident.Number,
            ["status"] = CitizenStatus.IsClosed(incident) ? "closed" : "open",
            ["status_notes"] = CitizenStatus.Notes(incident, code => catalog.TryGetDepartment(code, out var department) ? department!.Name : code),
            ["service_name"] = catalog.TryGetItem(incident.ItemCode, out var item) ? item!.Name : null,
            ["service_code"] = incident.ItemCode,
            ["description"] = incident.Description ?? incident.Title,
            ["agency_responsible"] = incident.AssignedDepartmentCode,
            ["service_notice"] = null,
            ["requested_datetime"] = Local(incident.ReportedUtc),
            ["updated_datetime"] = Local(incident.UpdatedUtc),
            ["expected_datetime"] = incident.DueUtc is { } due ? Local(due) : null,
            ["address"] = incident.Location.Address,
            ["address_id"] = incident.Location.GridCode,
            ["zipcode"] = null,
            ["lat"] = incident.Location.Latitude,
            ["long"] = incident.Location.Longitude,
            ["media_url"] = null,
        };
    }

    private static string Local(DateTimeOffset utc) => utc.ToOffset(SiteOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static bool TryParseDate(string? text, string field, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
        {
            value = parsed.ToUniversalTime();
            return true;
        }

        error = $"{field}: '{text}' is not a W3C date-time with offset (e.g. 2026-11-23T08:00:00+08:00)";
        return false;
    }

    private static IResult KeyError(KeyCheck check, HttpContext http, string operation, Open311Format format)
    {
        switch (check)
        {
            case KeyCheck.Missing:
                return Error(StatusCodes.Status401Unauthorized, $"api_key is required -- can't proceed with {operation}.", format);
            case KeyCheck.RateLimited:
                http.Response.Headers.RetryAfter = "1";
                return Error(StatusCodes.Status429TooManyRequests, $"Too many requests for this api_key -- can't proceed with {operation}.", format);
            case KeyCheck.FeedDisabled:
                return Error(StatusCodes.Status403Forbidden, "The Open311 feed is disabled in this deployment.", format);
            default:
                return Error(StatusCodes.Status403Forbidden, $"Invalid api_key received -- can't proceed with {operation}.", format);
        }
    }

    private static IResult Error(int status, string description, Open311Format format) => Open311Output.Error(status, description, format);

    /// <summary>The key travels in the body (form or JSON); read just that field so the key is checked before parsing.</summary>
    private static string? PeekApiKey(byte[] body, string contentType)
    {
        try
        {
            if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("api_key", out var key) && key.ValueKind == JsonValueKind.String
                    ? key.GetString()
                    : null;
            }

            return QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).TryGetValue("api_key", out var values) ? values.FirstOrDefault() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
