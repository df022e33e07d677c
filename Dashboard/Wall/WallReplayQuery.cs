using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Jobs;
using Dashboard.Core.Live;
using Dashboard.Core.Registry;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Wall;

/// <summary>
/// The time machine (回放): the wall as it was at a past instant, rebuilt from the change log alone. Every incident row
/// of the log carries the case's whole state after the change (status, place, department, due time), so the last row
/// of each case at or before the instant is what the wall showed then. Tiles, charts, queues, the ticker and the map
/// come from those states; sensor alarms are not in the incident log and show none.
/// </summary>
public sealed class WallReplayQuery(IDbContextFactory<CityDbContext> contexts, CityMap city, DeviceRegistry devices, InspectionCatalog catalog, TimeProvider time)
{
    private static readonly string[] ClosedStatuses = ["Closed", "Merged", "Rejected"];
    private static readonly string[] InProgressStatuses = ["Accepted", "Handled", "Verified"];

    /// <summary>
    /// Reads <c>?at=</c>: an ISO-8601 instant, or a China local time without an offset (<c>2026-11-23T09:00</c>), as
    /// people type it. Null with a reason when it is not a time or lies in the future.
    /// </summary>
    public DateTimeOffset? ParseAt(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "at: give a time, e.g. 2026-11-23T09:00 (China time) or an ISO-8601 instant.";
            return null;
        }

        DateTimeOffset at;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && !HasOffset(text))
        {
            at = new DateTimeOffset(local, ChinaTime.Zone.GetUtcOffset(local)).ToUniversalTime();
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            at = instant.ToUniversalTime();
        }
        else
        {
            error = $"at: '{text}' is not a time; use e.g. 2026-11-23T09:00 (China time) or an ISO-8601 instant.";
            return null;
        }

        if (at > time.GetUtcNow())
        {
            error = $"at: {ChinaTime.Format(at)} is in the future; replay shows the past.";
            return null;
        }

        return at;
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');

    public async Task<WallSnapshot> GetAsync(LiveScope scope, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The SLA watch's light changes are incident rows too, but carry only the clocks: the case's state is in the others.
        var entries = db.ChangeLog.AsNoTracking().Where(e => e.EntityType == "incident" && e.Kind != SlaWatch.ChangeKind && e.AtUtc <= atUtc);
        entries = scope.Kind switch
        {
            LiveScopeKind.District => entries,
            LiveScopeKind.Street => entries.Where(e => e.StreetCode == scope.Code),
            LiveScopeKind.Community => entries.Where(e => e.CommunityCode == scope.Code),
            _ => throw new ArgumentException($"The wall shows a district, a street or a community, not {scope}.", nameof(scope)),
        };
        var last = entries.GroupBy(e => e.EntityId).Select(g => g.Max(e => e.Sequence));
        var rows = await db.ChangeLog.AsNoTracking().Where(e => last.Contains(e.Sequence))
            .Select(e => new { e.Sequence, e.AtUtc, e.Payload })
            .ToListAsync(cancellationToken);
        var head = await db.ChangeLog.Where(e => e.AtUtc <= atUtc).MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;

        var states = rows.Select(r => State.Read(r.Payload, r.AtUtc)).OfType<State>().ToList();
        var stats = Stats(scope, states, atUtc, head);
        var open = states.Where(s => s.IsOpen).OrderByDescending(s => s.Reported).ToList();
        var truncated = open.Count > WallSnapshotQuery.MaxIncidents;
        var ticker = states.OrderByDescending(s => s.Reported).ThenByDescending(s => s.Number, StringComparer.Ordinal).Take(WallSnapshotQuery.TickerLength);
        return new WallSnapshot(scope.ToString(), head, atUtc, stats,
            [.. open.Take(WallSnapshotQuery.MaxIncidents).Select(s => s.ToWall())], truncated, [.. ticker.Select(s => s.ToWall())])
        {
            ReplayAt = atUtc,
        };
    }

    private WallStats Stats(LiveScope scope, List<State> states, DateTimeOffset atUtc, long head)
    {
        var china = ChinaTime.ToChina(atUtc);
        var startOfDay = new DateTimeOffset(china.Date, china.Offset).ToUniversalTime();
        var hourNow = new DateTimeOffset(china.Year, china.Month, china.Day, china.Hour, 0, 0, china.Offset);
        var today = states.Where(s => s.Reported >= startOfDay).ToList();
        var open = states.Where(s => s.IsOpen).ToList();
        var closedToday = states.Where(s => s.Status == "Closed" && s.ChangedAt >= startOfDay).ToList();
        var durations = closedToday.Select(s => (s.ChangedAt - s.Reported).TotalMinutes).Order().ToList();
        var cameras = devices.Cameras.Where(c => WallIncidentFilter.IsInScope(scope, c.GridCode.Value)).ToList();
        var kpis = new WallKpis(
            Found: today.Count,
            // 自处置 as HandledOnTheSpot defines it: closed out of SelfHandled, on the day of the closing. A case's last row
            // holds its final state only; a Closed case nobody was dispatched to can only have been closed from SelfHandled.
            HandledOnTheSpot: states.Count(s => s.Status == "Closed" && s.Department is null && s.ChangedAt >= startOfDay),
            Dispatched: today.Count(s => s.Department is not null),
            Closed: closedToday.Count,
            Overdue: open.Count(s => s.Due < atUtc),
            Open: open.Count,
            ClosureRate: today.Count == 0 ? null : Math.Round((double)today.Count(s => s.Status == "Closed") / today.Count, 4),
            MedianMinutesToClose: durations.Count == 0 ? null : Math.Round(durations.Count % 2 == 1 ? durations[durations.Count / 2] : (durations[(durations.Count / 2) - 1] + durations[durations.Count / 2]) / 2, 1),
            SensorsInAlarm: 0,
            CamerasOnline: cameras.Count(c => c.IsOnline),
            Cameras: cameras.Count);

        var perHour = Enumerable.Range(0, 24).Select(h => hourNow.AddHours(h - 23))
            .Select(h => new WallHourCount(h, h.ToString("HH", CultureInfo.InvariantCulture), states.Count(s => s.Reported >= h && s.Reported < h.AddHours(1) && s.Reported <= atUtc)))
            .ToList();
        var byCategory = today.GroupBy(s => catalog.TryGetItem(s.Item, out var item) ? (Code: item!.Code[..item.Code.LastIndexOf('-')], Name: item.MajorClassName) : (Code: "?", Name: "?"))
            .Select(g => new WallNamedCount(g.Key.Code, g.Key.Name, g.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var byStreet = today.GroupBy(s => s.Street ?? "")
            .Select(g => new WallNamedCount(g.Key, StreetName(g.Key), g.Count())).OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var assigned = states.Where(s => s.Department is not null && (s.IsOpen || s.ChangedAt >= startOfDay)).ToList();
        var sla = assigned.GroupBy(s => s.Department!)
            .Select(g =>
            {
                var kept = g.Count(s => !(s.Due < atUtc && s.IsOpen));
                return new WallDepartmentSla(g.Key, DepartmentName(g.Key), g.Count(), kept, Math.Round((double)kept / g.Count(), 4));
            })
            .OrderBy(d => d.Compliance).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        var board = open.Where(s => s.Department is not null).GroupBy(s => s.Department!)
            .Select(g => new WallDepartmentBoard(g.Key, DepartmentName(g.Key),
                Waiting: g.Count(s => s.Status == "Dispatched"),
                InProgress: g.Count(s => InProgressStatuses.Contains(s.Status)),
                Overdue: g.Count(s => s.Due < atUtc)))
            .OrderByDescending(b => b.Overdue).ThenByDescending(b => b.Waiting + b.InProgress).ThenBy(b => b.Code, StringComparer.Ordinal).ToList();
        var since30d = atUtc.AddDays(-WallAreas.RecurrenceDays);
        var areas = WallAreas.Count(
            open.Select(s => (s.Grid, s.Due < atUtc)),
            states.Where(s => s.Reported >= since30d && s.Grid is not null).GroupBy(s => (s.Grid!, s.Item)).Select(g => (g.Key.Item1, g.Count())));
        return new WallStats(head, kpis, perHour, byCategory, byStreet, sla, board, []) { Areas = areas };
    }

    private string StreetName(string code) =>
        StreetCode.TryParse(code, out var street) && city.TryGetStreet(street, out var found)
            ? (UiCultures.IsEnglish(CultureInfo.CurrentUICulture) ? found.NameEn : found.Name)
            : code;

    private string DepartmentName(string code) =>
        catalog.TryGetDepartment(code, out var department)
            ? (UiCultures.IsEnglish(CultureInfo.CurrentUICulture) ? department!.NameEn : department!.Name)
            : code;

    /// <summary>A case's state as its last change-log row before the replayed instant recorded it.</summary>
    private sealed record State(string Number, string Status, string Item, string Title, int Severity, double Lon, double Lat, string? Grid,
        string? Street, string Source, string? Department, DateTimeOffset Reported, DateTimeOffset? Due, DateTimeOffset ChangedAt)
    {
        public bool IsOpen => !ClosedStatuses.Contains(Status);

        public WallIncident ToWall() => new(Number, Title, Severity, Status, Lon, Lat, Grid, Street, Source, Department, Reported, Due);

        public static State? Read(string payload, DateTimeOffset at)
        {
            try
            {
                var d = JsonSerializer.Deserialize<Payload>(payload, JsonSerializerOptions.Web);
                return d is { Number: { } number, Status: { } status }
                    ? new State(number, status, d.Item ?? "", d.Title ?? number, d.Severity, d.Lon, d.Lat, d.Grid, d.Street, d.Source ?? "", d.Department,
                        d.Reported ?? at, d.Due, at)
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    private sealed record Payload(string? Number, string? Status, string? Item, string? Title, int Severity, double Lon, double Lat, string? Grid,
        string? Street, string? Source, string? Department, DateTimeOffset? Reported, DateTimeOffset? Due);
}
