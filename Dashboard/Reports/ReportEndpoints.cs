using System.Globalization;
using System.Text;
using Dashboard.Components.Reports;
using Dashboard.Localization;
using Dashboard.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Dashboard.Reports;

/// <summary>
/// <c>GET /reports/daily</c>, <c>/reports/daily.csv</c> and <c>/reports/monthly</c>: signed-in users only, and only
/// for a scope within theirs (<see cref="ReportScope.IsVisibleTo"/>); a refusal answers 403 and is audited.
/// The pages are whole printable documents rendered on the server, outside the app shell, so they print cleanly.
/// </summary>
public static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<IStringLocalizer<ReportText>, ReportTextLocalizer>();
        services.AddScoped<ReportQueries>();
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/reports").RequireAuthorization().WithTags("Reports");
        reports.MapGet("/daily", DailyHtmlAsync);
        reports.MapGet("/daily.csv", DailyCsvAsync);
        reports.MapGet("/monthly", MonthlyAsync);
        return app;
    }

    private static async Task<IResult> DailyHtmlAsync(HttpContext http, ReportQueries queries, RefusalAudit audit, TimeProvider time, string? scope, string? date, CancellationToken cancellationToken)
    {
        var (report, refusal) = await DailyAsync(http, queries, audit, time, scope, date, "page", cancellationToken);
        return refusal ?? new RazorComponentResult<DailyReportView>(new Dictionary<string, object?> { [nameof(DailyReportView.Report)] = report });
    }

    private static async Task<IResult> DailyCsvAsync(HttpContext http, ReportQueries queries, RefusalAudit audit, TimeProvider time, string? scope, string? date, CancellationToken cancellationToken)
    {
        var (report, refusal) = await DailyAsync(http, queries, audit, time, scope, date, "csv", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var r = report!;
        var csv = new StringBuilder("section,key,name,found,dispatched,closed,overdue\r\n");
        Row(csv, "total", r.Totals.Key, r.Totals.Name, r.Totals.Found, r.Totals.Dispatched, r.Totals.Closed, r.Totals.Overdue);
        foreach (var g in r.Grids)
        {
            Row(csv, "grid", g.Key, g.Name, g.Found, g.Dispatched, g.Closed, g.Overdue);
        }

        foreach (var c in r.Categories)
        {
            Row(csv, "category", c.Key, c.Name, c.Count, null, null, null);
        }

        foreach (var s in r.Sources)
        {
            Row(csv, "source", s.Key, s.Name, s.Count, null, null, null);
        }

        var day = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8",
            $"daily-{r.Scope.Kind.ToString().ToLowerInvariant()}-{r.Scope.Code}-{day}.csv");
    }

    private static async Task<IResult> MonthlyAsync(HttpContext http, ReportQueries queries, RefusalAudit audit, TimeProvider time, string? scope, string? month, CancellationToken cancellationToken)
    {
        var (_, parsed, refusal) = await AuthorizeAsync(http, audit, scope, "monthly", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        int year, number;
        if (string.IsNullOrEmpty(month))
        {
            var now = ChinaTime.Now(time);
            (year, number) = (now.Year, now.Month);
        }
        else if (DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            (year, number) = (first.Year, first.Month);
        }
        else
        {
            return Results.Problem(statusCode: 400, title: "Bad month", detail: $"month: '{month}' is not a month like 2026-11.");
        }

        var report = await queries.MonthlyAsync(parsed!, year, number, cancellationToken);
        return new RazorComponentResult<MonthlyReportView>(new Dictionary<string, object?> { [nameof(MonthlyReportView.Report)] = report });
    }

    private static async Task<(DailyReport? Report, IResult? Refusal)> DailyAsync(
        HttpContext http, ReportQueries queries, RefusalAudit audit, TimeProvider time, string? scope, string? date, string route, CancellationToken cancellationToken)
    {
        var (_, parsed, refusal) = await AuthorizeAsync(http, audit, scope, "daily-" + route, cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        DateOnly day;
        if (string.IsNullOrEmpty(date))
        {
            // The 08:00 report is yesterday's; without a date that is the one people mean.
            day = DateOnly.FromDateTime(ChinaTime.Now(time).DateTime).AddDays(-1);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return (null, Results.Problem(statusCode: 400, title: "Bad date", detail: $"date: '{date}' is not a day like 2026-11-22."));
        }

        return (await queries.DailyAsync(parsed!, day, cancellationToken), null);
    }

    private static async Task<(WorkspaceUser? User, ReportScope? Scope, IResult? Refusal)> AuthorizeAsync(
        HttpContext http, RefusalAudit audit, string? scopeText, string route, CancellationToken cancellationToken)
    {
        var user = WorkspaceUser.From(http.User);
        ReportScope? scope;
        if (string.IsNullOrEmpty(scopeText) && user is not null && ReportScope.DefaultFor(user) is { } own)
        {
            scope = own;
        }
        else if (!ReportScope.TryParse(scopeText, out scope, out var error))
        {
            return (user, null, Results.Problem(statusCode: 400, title: "Bad scope", detail: error));
        }

        if (user is null || !scope.IsVisibleTo(user))
        {
            await audit.RecordAsync(user, "report", "report:" + scope, "reports/" + route, "scope outside the user's", cancellationToken);
            return (user, scope, Results.Problem(statusCode: 403, title: "Not allowed", detail: $"The report of {scope} is outside your scope."));
        }

        return (user, scope, null);
    }

    private static void Row(StringBuilder csv, string section, string key, string name, int found, int? dispatched, int? closed, int? overdue)
    {
        csv.AppendJoin(',', [section, Csv(key), Csv(name), Number(found), Number(dispatched), Number(closed), Number(overdue)]).Append("\r\n");

        static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>Quotes a field when it must be, and defuses spreadsheet formulas (CSV injection).</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
