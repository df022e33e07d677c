using System.Globalization;
using System.Text;
using Dashboard.Components.Reports;
using Dashboard.Localization;
using Dashboard.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Dashboard.Reports;

/// <summary>
/// <c>GET /reports/daily</c>, <c>/reports/daily.csv</c>, <c>/reports/monthly</c> and <c>/reports/monthly.csv</c>:
/// signed-in users only, and only
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
        reports.MapGet("/monthly", MonthlyHtmlAsync);
        reports.MapGet("/monthly.csv", MonthlyCsvAsync);
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
        var csv = new StringBuilder("section,key,name,found,dispatched,closed,overdue,handled_on_the_spot\r\n");
        Row(csv, "total", r.Totals.Key, r.Totals.Name, r.Totals.Found, r.Totals.Dispatched, r.Totals.Closed, r.Totals.Overdue, r.Totals.HandledOnTheSpot);
        foreach (var g in r.Grids)
        {
            Row(csv, "grid", g.Key, g.Name, g.Found, g.Dispatched, g.Closed, g.Overdue, g.HandledOnTheSpot);
        }

        foreach (var c in r.Categories)
        {
            Row(csv, "category", c.Key, c.Name, c.Count);
        }

        foreach (var s in r.Sources)
        {
            Row(csv, "source", s.Key, s.Name, s.Count);
        }

        // One row per case overdue at the cut-off: key = case number, name = title, overdue = 1.
        foreach (var o in r.OverdueCases)
        {
            Row(csv, "overdue_case", o.Number, o.Title, null, null, null, 1);
        }

        var day = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return CsvFile(csv, $"daily-{r.Scope.Kind.ToString().ToLowerInvariant()}-{r.Scope.Code}-{day}.csv");
    }

    private static async Task<IResult> MonthlyHtmlAsync(HttpContext http, ReportQueries queries, RefusalAudit audit, TimeProvider time, string? scope, string? month, CancellationToken cancellationToken)
    {
        var (report, refusal) = await MonthlyAsync(http, queries, audit, time, scope, month, "monthly", cancellationToken);
        return refusal ?? new RazorComponentResult<MonthlyReportView>(new Dictionary<string, object?> { [nameof(MonthlyReportView.Report)] = report });
    }

    /// <summary>
    /// The month as CSV: <c>section,key,name,count,previous</c>; sections <c>total</c> (count this month, previous the
    /// month before), <c>category</c>, <c>hotspot</c>, <c>repeat</c> (key grid/item), <c>trend</c> (key = day of month,
    /// previous = same day of the previous month) and <c>hotline</c> (12345 request types).
    /// </summary>
    private static async Task<IResult> MonthlyCsvAsync(HttpContext http, ReportQueries queries, RefusalAudit audit, TimeProvider time, string? scope, string? month, CancellationToken cancellationToken)
    {
        var (report, refusal) = await MonthlyAsync(http, queries, audit, time, scope, month, "monthly-csv", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var r = report!;
        var csv = new StringBuilder("section,key,name,count,previous\r\n");
        MonthRow(csv, "total", r.Scope.ToString(), r.Scope.ToString(), r.Found, r.PreviousFound);
        foreach (var c in r.TopCategories)
        {
            MonthRow(csv, "category", c.Key, c.Name, c.Count);
        }

        foreach (var g in r.HotspotGrids)
        {
            MonthRow(csv, "hotspot", g.Key, g.Name, g.Count);
        }

        foreach (var p in r.RepeatLocations)
        {
            MonthRow(csv, "repeat", $"{p.GridCode}/{p.ItemCode}", p.ItemName, p.Count);
        }

        foreach (var t in r.Trend)
        {
            MonthRow(csv, "trend", t.Day.ToString(CultureInfo.InvariantCulture), t.Day.ToString(CultureInfo.InvariantCulture), t.Found, t.PreviousFound);
        }

        foreach (var h in r.HotlineRequestTypes)
        {
            MonthRow(csv, "hotline", h.Key, h.Name, h.Count);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"monthly-{r.Scope.Kind.ToString().ToLowerInvariant()}-{r.Scope.Code}-{r.Year:D4}-{r.Month:D2}.csv");
        return CsvFile(csv, name);
    }

    private static async Task<(MonthlyReport? Report, IResult? Refusal)> MonthlyAsync(
        HttpContext http, ReportQueries queries, RefusalAudit audit, TimeProvider time, string? scope, string? month, string route, CancellationToken cancellationToken)
    {
        var (_, parsed, refusal) = await AuthorizeAsync(http, audit, scope, route, cancellationToken);
        if (refusal is not null)
        {
            return (null, refusal);
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
            return (null, Results.Problem(statusCode: 400, title: "Bad month", detail: $"month: '{month}' is not a month like 2026-11."));
        }

        return (await queries.MonthlyAsync(parsed!, year, number, cancellationToken), null);
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

    private static void Row(StringBuilder csv, string section, string key, string name, int? found, int? dispatched = null, int? closed = null, int? overdue = null, int? onTheSpot = null) =>
        csv.AppendJoin(',', [section, Csv(key), Csv(name), Number(found), Number(dispatched), Number(closed), Number(overdue), Number(onTheSpot)]).Append("\r\n");

    private static void MonthRow(StringBuilder csv, string section, string key, string name, int count, int? previous = null) =>
        csv.AppendJoin(',', [section, Csv(key), Csv(name), Number(count), Number(previous)]).Append("\r\n");

    private static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>UTF-8 with a BOM, so Excel on a Chinese Windows opens it as UTF-8 and not as GBK.</summary>
    private static IResult CsvFile(StringBuilder csv, string fileName) =>
        Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", fileName);

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
