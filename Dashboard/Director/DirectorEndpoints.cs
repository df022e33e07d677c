using System.Globalization;
using System.Text;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Dashboard.Localization;
using Dashboard.People;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Director;

/// <summary>
/// The workspace's non-page routes: action forms (POST, antiforgery checked, redirect back), the JSON API and the
/// CSV export. Every one goes through <see cref="IncidentAuthorizer"/>; a case outside the user's scope answers
/// 404 exactly like a missing one, and the refusal is audited.
/// </summary>
public static class DirectorEndpoints
{
    public static IEndpointRouteBuilder MapDirectorWorkspace(this IEndpointRouteBuilder app)
    {
        var forms = app.MapGroup("/workspace").RequireAuthorization().WithTags("Workspace");
        forms.MapPost("/incidents/{number}/act", ActFromFormAsync);
        forms.MapGet("/incidents/{number}/photos/{id:long}", PhotoAsync);
        forms.MapGet("/export.csv", ExportCsvAsync);

        var api = app.MapGroup("/api/workspace").RequireAuthorization().WithTags("Workspace");
        api.MapGet("/incidents", ListAsync);
        api.MapGet("/incidents/{number}", GetAsync);
        api.MapGet("/inbox", InboxAsync);
        api.MapPost("/incidents/{number}/actions/{action}", ActFromApiAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ActFromFormAsync(
        string number, HttpContext http, IncidentActions actions,
        [FromForm] string? action, [FromForm] string? reason, [FromForm] string? department, [FromForm] string? mergeInto,
        [FromForm] string? stage, [FromForm] int? extraHours, [FromForm] string? satisfied, [FromForm] string? deadline,
        [FromForm] int? minutes, CancellationToken cancellationToken)
    {
        var back = $"/workspace/incidents/{Uri.EscapeDataString(number)}";
        if (!Enum.TryParse<IncidentAction>(action, ignoreCase: true, out var parsed) || !IncidentAuthorizer.WorkspaceActions.Contains(parsed))
        {
            return Results.Redirect($"{back}?error={Uri.EscapeDataString($"'{action}' is not a workspace action.")}");
        }

        // Several values under one name (the whistle's department list): read from the form already parsed for the binding above.
        // Photos come with the multipart flavour of this form only; a bound IFormFileCollection would refuse the plain one.
        var form = await http.Request.ReadFormAsync(cancellationToken);
        string[] departments = [.. form["departments"].OfType<string>()];
        var photos = new List<PhotoUpload>();
        foreach (var file in form.Files)
        {
            if (file.Length > EvidencePhoto.MaxBytes)
            {
                // Refused before reading it into memory; the action service words the same limit for the API.
                return Results.Redirect($"{back}?error={Uri.EscapeDataString(Localization.UiCultures.Say(
                    $"photos: 照片 {Path.GetFileName(file.FileName)} 超过 {EvidencePhoto.MaxBytes / 1024 / 1024} MB 上限。",
                    $"photos: {Path.GetFileName(file.FileName)} is over the {EvidencePhoto.MaxBytes / 1024 / 1024} MB limit."))}");
            }

            if (file.Length > 0 && Enum.TryParse<EvidenceStage>(file.Name, ignoreCase: true, out var evidenceStage))
            {
                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, cancellationToken);
                photos.Add(new PhotoUpload(evidenceStage, file.FileName, buffer.ToArray()));
            }
        }

        var outcome = await actions.ExecuteAsync(WorkspaceUser.From(http.User), number,
            new ActionRequest(parsed, reason, department, mergeInto, stage, extraHours, ParseBool(satisfied), deadline, departments, minutes, photos),
            "form", cancellationToken);
        return outcome.Kind switch
        {
            ActionOutcomeKind.Done => Results.Redirect($"{back}?done={parsed}"),
            ActionOutcomeKind.NotFound => Results.NotFound(),
            _ => Results.Redirect($"{back}?error={Uri.EscapeDataString(outcome.Message)}"),
        };
    }

    private static async Task<IResult> ActFromApiAsync(
        string number, string action, HttpContext http, IncidentActions actions, [FromBody] ActionBody? body, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<IncidentAction>(action, ignoreCase: true, out var parsed) || !IncidentAuthorizer.WorkspaceActions.Contains(parsed))
        {
            return Results.Problem(statusCode: 400, title: "Unknown action", detail: $"action: '{action}' is not one of {string.Join(", ", IncidentAuthorizer.WorkspaceActions)}");
        }

        List<PhotoUpload> photos = [];
        foreach (var photo in body?.Photos ?? [])
        {
            if (!Enum.TryParse<EvidenceStage>(photo.Stage, ignoreCase: true, out var evidenceStage))
            {
                return Results.Problem(statusCode: 400, title: "Bad request", detail: $"photos: stage '{photo.Stage}' is not Before or After.");
            }

            byte[] content;
            try
            {
                content = Convert.FromBase64String(photo.DataBase64 ?? string.Empty);
            }
            catch (FormatException)
            {
                return Results.Problem(statusCode: 400, title: "Bad request", detail: $"photos: {photo.FileName} is not valid base64.");
            }

            photos.Add(new PhotoUpload(evidenceStage, photo.FileName ?? "photo", content));
        }

        var outcome = await actions.ExecuteAsync(WorkspaceUser.From(http.User), number,
            new ActionRequest(parsed, body?.Reason, body?.Department, body?.MergeInto, body?.Stage, body?.ExtraHours,
                body?.Satisfied, body?.Deadline, body?.Departments, body?.Minutes, photos), "api", cancellationToken);
        return outcome.Kind switch
        {
            ActionOutcomeKind.Done => Results.Ok(new { number, action = parsed.ToString(), status = outcome.Status?.ToString() }),
            ActionOutcomeKind.NotFound => Results.Problem(statusCode: 404, title: "No such incident", detail: outcome.Message),
            ActionOutcomeKind.Forbidden => Results.Problem(statusCode: 403, title: "Not allowed", detail: outcome.Message),
            ActionOutcomeKind.Conflict => Results.Problem(statusCode: 409, title: "Not allowed in this state", detail: outcome.Message),
            _ => Results.Problem(statusCode: 400, title: "Bad request", detail: outcome.Message),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext http, WorkspaceQueries queries, CancellationToken cancellationToken)
    {
        if (WorkspaceUser.From(http.User) is not { } user)
        {
            return Results.Forbid();
        }

        try
        {
            var rows = await queries.QueueAsync(user, QueueFilter.FromQuery(http.Request.Query), cancellationToken);
            return Results.Ok(rows.Select(r => Summary(r.Incident, r.Light, r.Actions)));
        }
        catch (ArgumentException e)
        {
            return Results.Problem(statusCode: 400, title: "Bad filter", detail: e.Message);
        }
    }

    private static async Task<IResult> GetAsync(
        string number, HttpContext http, WorkspaceQueries queries, RefusalAudit audit, WorkingCalendar calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = WorkspaceUser.From(http.User);
        var incident = user is null ? null : await queries.DetailAsync(user, number, cancellationToken);
        if (incident is null)
        {
            await audit.RecordAsync(user, "view", "incident:" + number, "api", "not in scope or does not exist", cancellationToken);
            return Results.Problem(statusCode: 404, title: "No such incident", detail: $"No incident {number} in your scope.");
        }

        var now = time.GetUtcNow();
        return Results.Ok(new
        {
            incident = Summary(incident, incident.Light(now, calendar), IncidentAuthorizer.AllowedActions(user!, incident)),
            pendingExtension = incident.PendingExtension,
            pendingPause = incident.PendingPause,
            paused = incident.IsPaused,
            callback = incident.LastCallback,
            needsCallback = incident.NeedsCitizenCallback,
            summons = incident.Summons.Select(s => new
            {
                department = s.DepartmentCode, s.SummonedUtc, s.DueUtc, s.ReportedInUtc, s.ReportedInByName, s.Note, late = s.IsLate(now),
            }),
            photos = (await queries.PhotosAsync(incident, cancellationToken)).Select(p => new
            {
                p.Id, stage = p.Stage.ToString(), p.FileName, p.ContentType, p.SizeBytes, p.UploadedByName, p.UploadedUtc,
                url = $"/workspace/incidents/{incident.Number}/photos/{p.Id}",
            }),
            timeline = incident.Timeline.OrderBy(t => t.Sequence).Select(t => new
            {
                t.Sequence, t.AtUtc, actor = t.ActorName, role = t.ActorRole, action = t.Action.ToString(),
                from = t.FromStatus?.ToString(), to = t.ToStatus.ToString(), t.Reason,
            }),
        });
    }

    /// <summary>
    /// A closure photo, only to someone who may see its case (else 404 like a missing one, audited). Served with
    /// its sniffed type, nosniff and private caching, so it can never run as a page in the site's origin.
    /// </summary>
    private static async Task<IResult> PhotoAsync(string number, long id, HttpContext http, WorkspaceQueries queries, RefusalAudit audit, CancellationToken cancellationToken)
    {
        var user = WorkspaceUser.From(http.User);
        var incident = user is null ? null : await queries.DetailAsync(user, number, cancellationToken);
        var photo = incident is null ? null : await queries.PhotoAsync(incident, id, cancellationToken);
        if (photo is null)
        {
            await audit.RecordAsync(user, "photo", $"incident:{number}/photo:{id}", "page", "not in scope or does not exist", cancellationToken);
            return Results.NotFound();
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, max-age=3600";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(photo.Content, photo.ContentType, fileDownloadName: null, enableRangeProcessing: false);
    }

    private static async Task<IResult> InboxAsync(HttpContext http, WorkspaceQueries queries, CancellationToken cancellationToken)
    {
        if (WorkspaceUser.From(http.User) is not { } user)
        {
            return Results.Forbid();
        }

        var items = await queries.InboxAsync(user, cancellationToken);
        return Results.Ok(items.Select(item => new
        {
            kind = item.Kind.ToString(), number = item.Incident.Number, title = item.Incident.Title, status = item.Incident.Status.ToString(),
            item.RequestedBy, item.RequestedUtc, item.Reason, actions = item.Actions.Select(a => a.ToString()),
        }));
    }

    private static bool? ParseBool(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "yes" or "1" => true,
        "false" or "off" or "no" or "0" => false,
        _ => null,
    };

    /// <summary>The filtered list as CSV (UTF-8 with BOM so Excel opens Chinese text correctly).</summary>
    private static async Task<IResult> ExportCsvAsync(HttpContext http, WorkspaceQueries queries, CancellationToken cancellationToken)
    {
        if (WorkspaceUser.From(http.User) is not { } user)
        {
            return Results.Forbid();
        }

        IReadOnlyList<QueueRow> rows;
        try
        {
            rows = await queries.QueueAsync(user, QueueFilter.FromQuery(http.Request.Query), cancellationToken);
        }
        catch (ArgumentException e)
        {
            return Results.Problem(statusCode: 400, title: "Bad filter", detail: e.Message);
        }

        var csv = new StringBuilder("number,status,item,title,severity,street,community,grid,address,reported,due,sla\r\n");
        foreach (var row in rows)
        {
            var i = row.Incident;
            csv.AppendJoin(',', [.. new[]
            {
                i.Number, i.Status.ToString(), i.ItemCode, i.Title, i.Severity.ToString(CultureInfo.InvariantCulture),
                i.Location.StreetCode, i.Location.CommunityCode, i.Location.GridCode, i.Location.Address,
                ChinaTime.Format(i.ReportedUtc), i.DueUtc is { } due ? ChinaTime.Format(due) : null, row.Light.ToString(),
            }.Select(Csv)]).Append("\r\n");
        }

        return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8",
            $"incidents-{user.ScopeCode}.csv");
    }

    private static object Summary(Incident i, SlaLight light, IReadOnlyList<IncidentAction> actions) => new
    {
        i.Number, status = i.Status.ToString(), i.ItemCode, i.Title, i.Description, i.Severity, i.IsOnTheSpot,
        source = i.Source.ToString(), street = i.Location.StreetCode, community = i.Location.CommunityCode, grid = i.Location.GridCode,
        address = i.Location.Address, department = i.AssignedDepartmentCode, tier = i.OwnerTier.ToString(),
        i.ReportedUtc, i.UpdatedUtc, i.DueUtc, sla = light.ToString(), actions = actions.Select(a => a.ToString()),
    };

    /// <summary>Quotes a field when it must be, and defuses spreadsheet formulas (CSV injection).</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}

/// <summary>The JSON body of an action call; every field is optional and used only by the actions that need it.</summary>
public sealed record ActionBody(
    string? Reason, string? Department, string? MergeInto, string? Stage, int? ExtraHours,
    bool? Satisfied = null, string? Deadline = null, IReadOnlyList<string>? Departments = null, int? Minutes = null,
    IReadOnlyList<PhotoBody>? Photos = null);

/// <summary>A photo in an API call: <c>{"stage": "After", "fileName": "done.jpg", "dataBase64": "..."}</c>.</summary>
public sealed record PhotoBody(string? Stage, string? FileName, string? DataBase64);
