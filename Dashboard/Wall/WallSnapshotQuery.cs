using System.Data;
using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Registry;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.Core.Telemetry;
using Dashboard.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Wall;

/// <summary>
/// Computes the wall's snapshot with SQL aggregates over the incidents, one <see cref="CityDbContext"/> per call,
/// inside one read transaction together with the change log's head, so the numbers are exactly those at
/// <see cref="WallSnapshot.Head"/> (a change committed meanwhile arrives later as a delta, never twice, never lost).
/// The statistics go through <see cref="IWallStatsSource"/> so scheduled rollups can replace the live aggregates.
/// </summary>
public sealed class WallSnapshotQuery(
    IDbContextFactory<CityDbContext> contexts,
    IWallStatsSource stats,
    TimeProvider time)
{
    /// <summary>The map draws at most this many open incidents; the oldest beyond it are left off (and say so).</summary>
    public const int MaxIncidents = 10_000;

    public const int TickerLength = 30;

    public async Task<WallSnapshot> GetAsync(LiveScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await BeginSnapshotAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var head = await ReadHeadAsync(db, cancellationToken);
        var incidents = WallIncidentFilter.InScope(db.Set<Incident>().AsNoTracking(), scope);

        var open = await Project(WallIncidentFilter.Open(incidents).OrderByDescending(i => i.ReportedUtc).Take(MaxIncidents + 1))
            .ToListAsync(cancellationToken);
        var truncated = open.Count > MaxIncidents;
        if (truncated)
        {
            open.RemoveAt(open.Count - 1);
        }

        var ticker = await Project(incidents.OrderByDescending(i => i.ReportedUtc).ThenByDescending(i => i.Id).Take(TickerLength))
            .ToListAsync(cancellationToken);
        var statistics = await stats.ComputeAsync(db, scope, head, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WallSnapshot(scope.ToString(), head, now, statistics, open, truncated, ticker);
    }

    /// <summary>Only the aggregates, for the client's refresh after live changes.</summary>
    public async Task<WallStats> GetStatsAsync(LiveScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await BeginSnapshotAsync(db, cancellationToken);
        var head = await ReadHeadAsync(db, cancellationToken);
        var statistics = await stats.ComputeAsync(db, scope, head, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return statistics;
    }

    private static Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginSnapshotAsync(CityDbContext db, CancellationToken cancellationToken) =>
        // Repeatable read is a true snapshot on PostgreSQL; SQLite in WAL mode reads one snapshot per transaction anyway.
        db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, cancellationToken);

    private static async Task<long> ReadHeadAsync(CityDbContext db, CancellationToken cancellationToken) =>
        await db.Set<ChangeLogEntry>().MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;

    private static IQueryable<WallIncident> Project(IQueryable<Incident> incidents) =>
        incidents.Select(i => new WallIncident(
            i.Number,
            i.Title,
            i.Severity,
            i.Status.ToString(),
            i.Location.Longitude,
            i.Location.Latitude,
            i.Location.GridCode,
            i.Location.StreetCode,
            i.Source.ToString(),
            i.AssignedDepartmentCode,
            i.ReportedUtc,
            i.DueUtc));
}

/// <summary>The scope and state filters every wall query shares.</summary>
internal static class WallIncidentFilter
{
    public static readonly IncidentStatus[] ClosedStatuses = [IncidentStatus.Closed, IncidentStatus.Merged, IncidentStatus.Rejected];

    /// <summary>Stages a department holds a case in after it accepted it (签收 to 核查).</summary>
    public static readonly IncidentStatus[] InProgressStatuses = [IncidentStatus.Accepted, IncidentStatus.Handled, IncidentStatus.Verified];

    public static IQueryable<Incident> InScope(IQueryable<Incident> incidents, LiveScope scope) => scope.Kind switch
    {
        LiveScopeKind.District => incidents,
        LiveScopeKind.Street => incidents.Where(i => i.Location.StreetCode == scope.Code),
        LiveScopeKind.Community => incidents.Where(i => i.Location.CommunityCode == scope.Code),
        _ => throw new ArgumentException($"The wall shows a district, a street or a community, not {scope}.", nameof(scope)),
    };

    public static IQueryable<Incident> Open(IQueryable<Incident> incidents) =>
        incidents.Where(i => !ClosedStatuses.Contains(i.Status));

    public static bool IsInScope(LiveScope scope, string? gridCode) => scope.Kind switch
    {
        LiveScopeKind.District => true,
        LiveScopeKind.Street => gridCode is not null && gridCode.StartsWith(scope.Code, StringComparison.Ordinal),
        LiveScopeKind.Community => gridCode is not null && gridCode.StartsWith(scope.Code, StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>The choropleth's per-grid counts, from open cases and the last 30 days' reports.</summary>
internal static class WallAreas
{
    public const int RecurrenceDays = 30;

    /// <param name="open">Each open case's grid and whether it is past due.</param>
    /// <param name="recentPerGridAndItem">Cases reported in the last 30 days per grid and catalog item: all but the first of each are repeats.</param>
    public static IReadOnlyList<WallAreaCount> Count(IEnumerable<(string? Grid, bool Overdue)> open, IEnumerable<(string Grid, int Count)> recentPerGridAndItem)
    {
        var counts = new Dictionary<string, (int Open, int Overdue, int Recurring)>(StringComparer.Ordinal);
        foreach (var (grid, overdue) in open)
        {
            if (grid is not null)
            {
                var c = counts.GetValueOrDefault(grid);
                counts[grid] = (c.Open + 1, c.Overdue + (overdue ? 1 : 0), c.Recurring);
            }
        }

        foreach (var (grid, count) in recentPerGridAndItem.Where(r => r.Count > 1))
        {
            var c = counts.GetValueOrDefault(grid);
            counts[grid] = (c.Open, c.Overdue, c.Recurring + count - 1);
        }

        return [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new WallAreaCount(c.Key, c.Value.Open, c.Value.Overdue, c.Value.Recurring))];
    }
}

/// <summary>Where the wall's statistics come from: live SQL aggregates now, the <c>jobs</c> rollups later.</summary>
public interface IWallStatsSource
{
    Task<WallStats> ComputeAsync(CityDbContext db, LiveScope scope, long head, DateTimeOffset nowUtc, CancellationToken cancellationToken);
}

/// <summary>The statistics as SQL aggregates over the incidents table (small projections, grouped in memory by name).</summary>
public sealed class LiveWallStatsSource(CityMap city, DeviceRegistry devices, InspectionCatalog catalog) : IWallStatsSource
{
    public async Task<WallStats> ComputeAsync(CityDbContext db, LiveScope scope, long head, DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var incidents = WallIncidentFilter.InScope(db.Set<Incident>().AsNoTracking(), scope);
        var chinaNow = ChinaTime.ToChina(nowUtc);
        var startOfDay = new DateTimeOffset(chinaNow.Date, chinaNow.Offset).ToUniversalTime();
        var hourNow = new DateTimeOffset(chinaNow.Year, chinaNow.Month, chinaNow.Day, chinaNow.Hour, 0, 0, chinaNow.Offset);
        var since24h = hourNow.AddHours(-23).ToUniversalTime();

        var today = await incidents.Where(i => i.ReportedUtc >= startOfDay)
            .Select(i => new { i.Status, i.ItemCode, i.Location.StreetCode, i.AssignedDepartmentCode, i.IsOnTheSpot })
            .ToListAsync(cancellationToken);
        var closedToday = await incidents.Where(i => i.Status == IncidentStatus.Closed && i.UpdatedUtc >= startOfDay)
            .Select(i => new { i.ReportedUtc, i.UpdatedUtc })
            .ToListAsync(cancellationToken);
        var open = await WallIncidentFilter.Open(incidents)
            .Select(i => new { i.Status, i.AssignedDepartmentCode, i.DueUtc, i.Location.GridCode })
            .ToListAsync(cancellationToken);
        var since30d = nowUtc.AddDays(-WallAreas.RecurrenceDays);
        var recent = await incidents.Where(i => i.ReportedUtc >= since30d && i.Location.GridCode != null)
            .GroupBy(i => new { i.Location.GridCode, i.ItemCode })
            .Select(g => new { g.Key.GridCode, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var reported24h = await incidents.Where(i => i.ReportedUtc >= since24h).Select(i => i.ReportedUtc).ToListAsync(cancellationToken);
        // A join rather than the Clocks navigation: SQLite cannot run the APPLY that SelectMany over it needs.
        var clocks = await (
            from i in incidents.Where(i => i.AssignedDepartmentCode != null)
            join c in db.Set<SlaClock>().AsNoTracking() on i.Id equals EF.Property<long>(c, "IncidentId")
            where c.CompletedUtc == null || c.CompletedUtc >= startOfDay
            select new { Department = i.AssignedDepartmentCode!, c.DueUtc, c.CompletedUtc, c.PausedAtUtc })
            .ToListAsync(cancellationToken);
        var raised = await db.Set<SensorAlarmState>().AsNoTracking().Where(s => s.IsRaised).ToListAsync(cancellationToken);

        var sensorsById = devices.Sensors.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var camerasByChannel = devices.Cameras.ToDictionary(c => $"{c.IsapiDeviceSerial}/{c.IsapiChannel}", StringComparer.Ordinal);
        var alarms = raised
            .Select(s => (State: s, Device: Locate(s.DeviceId)))
            .Where(a => WallIncidentFilter.IsInScope(scope, a.Device.Grid))
            .OrderByDescending(a => a.State.ChangedAtUtc)
            .Select(a => new WallSensorAlarm(a.State.DeviceId, a.Device.Name, a.Device.Kind, a.State.AlarmKey, AlarmName(a.State.AlarmKey),
                a.State.IncidentNumber, a.State.LastValue, a.State.ChangedAtUtc, a.Device.Lon, a.Device.Lat, a.Device.Grid))
            .ToList();

        // Alarm state is keyed by the device's own id: a registered sensor's id, or a camera's "ISAPI serial/channel".
        (string Name, string Kind, double? Lon, double? Lat, string? Grid) Locate(string deviceId) =>
            sensorsById.GetValueOrDefault(deviceId) is { } sensor
                ? (sensor.Name, sensor.Kind.ToString(), sensor.Longitude, sensor.Latitude, sensor.GridCode.Value)
                : camerasByChannel.GetValueOrDefault(deviceId) is { } camera
                    ? (camera.Name, "Camera", camera.Longitude, camera.Latitude, camera.GridCode.Value)
                    : (deviceId, "Unknown", null, null, null);

        string AlarmName(string key) =>
            (catalog.FindByFeedKey("iot:" + key) ?? catalog.FindByFeedKey("camera:" + key))?.Name ?? key;
        var cameras = devices.Cameras.Where(c => WallIncidentFilter.IsInScope(scope, c.GridCode.Value)).ToList();

        var durations = closedToday.Select(c => (c.UpdatedUtc - c.ReportedUtc).TotalMinutes).Order().ToList();
        var closedOfToday = today.Count(i => i.Status is IncidentStatus.Closed or IncidentStatus.SelfHandled);
        var kpis = new WallKpis(
            Found: today.Count,
            HandledOnTheSpot: today.Count(i => i.Status == IncidentStatus.SelfHandled || (i.IsOnTheSpot && i.Status == IncidentStatus.Closed && i.AssignedDepartmentCode == null)),
            Dispatched: today.Count(i => i.AssignedDepartmentCode != null),
            Closed: closedToday.Count,
            Overdue: open.Count(i => i.DueUtc < nowUtc),
            Open: open.Count,
            ClosureRate: today.Count == 0 ? null : Math.Round((double)closedOfToday / today.Count, 4),
            MedianMinutesToClose: Median(durations),
            SensorsInAlarm: alarms.Select(a => a.DeviceId).Distinct(StringComparer.Ordinal).Count(),
            CamerasOnline: cameras.Count(c => c.IsOnline),
            Cameras: cameras.Count);

        var buckets = Enumerable.Range(0, 24).Select(h => hourNow.AddHours(h - 23)).Select(h => new WallHourCount(h, h.ToString("HH", System.Globalization.CultureInfo.InvariantCulture),
            reported24h.Count(r => r >= h && r < h.AddHours(1)))).ToList();

        // Keyed by the item code's kind and major class (CP-01, EV-01): 部件 and 事件 each number their major classes from 01.
        var byCategory = today.GroupBy(i => catalog.TryGetItem(i.ItemCode, out var item) ? (Code: item!.Code[..item.Code.LastIndexOf('-')], Name: LocalName(item.MajorClassName, item.MajorClassName)) : (Code: "?", Name: "?"))
            .Select(g => new WallNamedCount(g.Key.Code, g.Key.Name, g.Count()))
            .OrderByDescending(c => c.Count).ToList();
        var byStreet = today.GroupBy(i => i.StreetCode ?? "")
            .Select(g => new WallNamedCount(g.Key, StreetName(g.Key), g.Count()))
            .OrderByDescending(c => c.Count).ToList();
        var sla = clocks.GroupBy(c => c.Department)
            .Select(g =>
            {
                var kept = g.Count(c => c.CompletedUtc is { } done ? done <= c.DueUtc : (c.PausedAtUtc is not null || nowUtc <= c.DueUtc));
                return new WallDepartmentSla(g.Key, DepartmentName(g.Key), g.Count(), kept, Math.Round((double)kept / g.Count(), 4));
            })
            .OrderBy(d => d.Compliance).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        var board = open.Where(i => i.AssignedDepartmentCode != null).GroupBy(i => i.AssignedDepartmentCode!)
            .Select(g => new WallDepartmentBoard(g.Key, DepartmentName(g.Key),
                Waiting: g.Count(i => i.Status == IncidentStatus.Dispatched),
                InProgress: g.Count(i => WallIncidentFilter.InProgressStatuses.Contains(i.Status)),
                Overdue: g.Count(i => i.DueUtc < nowUtc)))
            .OrderByDescending(b => b.Overdue).ThenByDescending(b => b.Waiting + b.InProgress).ToList();

        var areas = WallAreas.Count(
            open.Select(i => (i.GridCode, i.DueUtc < nowUtc)),
            recent.Select(r => (r.GridCode!, r.Count)));
        return new WallStats(head, kpis, buckets, byCategory, byStreet, sla, board, alarms) { Areas = areas };
    }

    private static double? Median(List<double> sorted) => sorted.Count == 0
        ? null
        : Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 1);

    private static string LocalName(string chinese, string english) =>
        UiCultures.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture) ? english : chinese;

    private string StreetName(string code) =>
        StreetCode.TryParse(code, out var street) && city.TryGetStreet(street, out var found) ? LocalName(found.Name, found.NameEn) : code;

    private string DepartmentName(string code) =>
        catalog.TryGetDepartment(code, out var department) ? LocalName(department!.Name, department.NameEn) : code;
}
