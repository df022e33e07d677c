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
        forms.MapGet("/export.csv", ExportCsvAsync);

        var api = app.MapGroup("/api/workspace").RequireAuthorization().WithTags("Workspace");
        api.MapGet("/incidents", ListAsync);
        api.MapGet("/incidents/{number}", GetAsync);
        api.MapPost("/incidents/{number}/actions/{action}", ActFromApiAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ActFromFormAsync(
        string number, HttpContext http, IncidentActions actions,
        [FromForm] string? action, [FromForm] string? reason, [FromForm] string? department, [FromForm] string? mergeInto,
        [FromForm] string? stage, [FromForm] int? extraHours, CancellationToken cancellationToken)
    {
        var back = $"/workspace/incidents/{Uri.EscapeDataString(number)}";
        if (!Enum.TryParse<IncidentAction>(action, ignoreCase: true, out var parsed) || !IncidentAuthorizer.WorkspaceActions.Contains(parsed))
        {
            return Results.Redirect($"{back}?error={Uri.EscapeDataString($"'{action}' is not a workspace action.")}");
        }

        var outcome = await actions.ExecuteAsync(WorkspaceUser.From(http.User), number,
            new ActionRequest(parsed, reason, department, mergeInto, stage, extraHours), "form", cancellationToken);
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

        var outcome = await actions.ExecuteAsync(WorkspaceUser.From(http.User), number,
            new ActionRequest(parsed, body?.Reason, body?.Department, body?.MergeInto, body?.Stage, body?.ExtraHours), "api", cancellationToken);
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

        return Results.Ok(new
        {
            incident = Summary(incident, incident.Light(time.GetUtcNow(), calendar), IncidentAuthorizer.AllowedActions(user!, incident)),
            timeline = incident.Timeline.OrderBy(t => t.Sequence).Select(t => new
            {
                t.Sequence, t.AtUtc, actor = t.ActorName, role = t.ActorRole, action = t.Action.ToString(),
                from = t.FromStatus?.ToString(), to = t.ToStatus.ToString(), t.Reason,
            }),
        });
    }

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
public sealed record ActionBody(string? Reason, string? Department, string? MergeInto, string? Stage, int? ExtraHours);
