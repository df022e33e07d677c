using System.Text.Json;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.Core.Storage.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Jobs;

/// <summary>
/// 08:00 Asia/Shanghai: finalises yesterday's rollups and announces the daily report of every street (and the
/// district) on the change log, so the wall can offer the link. The report itself renders on request from the rollups.
/// </summary>
public sealed class DailyReportPublisher(IDbContextFactory<CityDbContext> contexts, RollupBuilder rollups, ReferenceData reference, TimeProvider time)
{
    public const string ChangeKind = "report.daily";

    public async Task<DateOnly> PublishAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var zone = reference.Calendar.TimeZone;
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddDays(-1);
        await rollups.RebuildDayAsync(yesterday, cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var date = yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var scopes = reference.City.City.Streets.Select(s => ("street:" + s.Code.Value, new ChangeScope(s.Code.Value, null, null)))
            .Prepend(("district:" + Catalog.Districts.Chancheng, ChangeScope.District));
        foreach (var (scope, changeScope) in scopes)
        {
            db.ChangeLog.Add(new ChangeLogEntry(now, ChangeKind, "report", $"{scope}/{date}", changeScope,
                JsonSerializer.Serialize(new { scope, date, html = $"/reports/daily?scope={scope}&date={date}", csv = $"/reports/daily.csv?scope={scope}&date={date}" }),
                actor: "system:daily-report"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return yesterday;
    }
}
