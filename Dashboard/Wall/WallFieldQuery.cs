using System.Text.Json;
using Dashboard.Core.Live;
using Dashboard.Core.Registry;
using Dashboard.Core.Storage;
using Dashboard.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Wall;

/// <summary>Grid workers on the map (网格员在岗) and the cameras with their state, as <c>/api/wall/field</c> serves them.</summary>
public sealed record WallField(long Head, IReadOnlyList<WallWorker> Workers, IReadOnlyList<WallCamera> Cameras);

/// <summary>
/// One grid worker's patrol of the day: the track as [lon, lat] pairs in time order, where they were last and when.
/// <see cref="OnDuty"/>: a fix within <see cref="WallFieldQuery.OnDutyMinutes"/> minutes.
/// </summary>
public sealed record WallWorker(string Id, double Lon, double Lat, DateTimeOffset LastSeen, bool OnDuty, IReadOnlyList<double[]> Track);

public sealed record WallCamera(string Id, string Name, double Lon, double Lat, bool Online);

/// <summary>
/// Reads the grid workers' positions of the day from the change log: <c>POST /api/feeds/grid/positions</c> stores each
/// upload only there (kind <c>worker.positions</c>, placed by the last fix's grid), which is also what the live map
/// receives. Cameras come from the device registry.
/// </summary>
public sealed class WallFieldQuery(IDbContextFactory<CityDbContext> contexts, DeviceRegistry devices, TimeProvider time)
{
    public const int OnDutyMinutes = 30;

    /// <summary>A track keeps at most this many points (evenly thinned): a day of fixes every few seconds is more than a wall can draw.</summary>
    public const int MaxTrackPoints = 400;

    public async Task<WallField> GetAsync(LiveScope scope, DateTimeOffset? atUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = atUtc ?? time.GetUtcNow();
        var china = ChinaTime.ToChina(now);
        var startOfDay = new DateTimeOffset(china.Date, china.Offset).ToUniversalTime();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.ChangeLog.AsNoTracking().Where(e => e.EntityType == "worker" && e.AtUtc >= startOfDay && e.AtUtc <= now);
        rows = scope.Kind switch
        {
            LiveScopeKind.Street => rows.Where(e => e.StreetCode == scope.Code),
            LiveScopeKind.Community => rows.Where(e => e.CommunityCode == scope.Code),
            _ => rows,
        };
        var uploads = await rows.OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.EntityId, e.Payload }).ToListAsync(cancellationToken);
        var head = await db.ChangeLog.Where(e => e.AtUtc <= now).MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;

        var fixes = new Dictionary<string, List<(DateTimeOffset At, double Lon, double Lat)>>(StringComparer.Ordinal);
        foreach (var upload in uploads)
        {
            if (!fixes.TryGetValue(upload.EntityId, out var list))
            {
                fixes[upload.EntityId] = list = [];
            }

            list.AddRange(Positions(upload.Payload).Where(p => p.At <= now));
        }

        var workers = fixes.Where(f => f.Value.Count > 0).Select(f =>
        {
            var track = f.Value.OrderBy(p => p.At).ToList();
            var last = track[^1];
            var step = Math.Max(1, (int)Math.Ceiling(track.Count / (double)MaxTrackPoints));
            var thinned = track.Where((_, i) => i % step == 0 || i == track.Count - 1).Select(p => new[] { Math.Round(p.Lon, 6), Math.Round(p.Lat, 6) }).ToList();
            return new WallWorker(f.Key, last.Lon, last.Lat, last.At, now - last.At <= TimeSpan.FromMinutes(OnDutyMinutes), thinned);
        }).OrderBy(w => w.Id, StringComparer.Ordinal).ToList();

        var cameras = devices.Cameras.Where(c => WallIncidentFilter.IsInScope(scope, c.GridCode.Value))
            .Select(c => new WallCamera(c.Id, c.Name, c.Longitude, c.Latitude, c.IsOnline)).ToList();
        return new WallField(head, workers, cameras);
    }

    /// <summary>The fixes of one <c>worker.positions</c> payload; a row that cannot be read contributes none.</summary>
    public static IEnumerable<(DateTimeOffset At, double Lon, double Lat)> Positions(string payload)
    {
        WorkerPayload? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<WorkerPayload>(payload, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            yield break;
        }

        foreach (var p in parsed?.Positions ?? [])
        {
            yield return (p.At.ToUniversalTime(), p.Lon, p.Lat);
        }
    }

    private sealed record WorkerPayload(string? Worker, IReadOnlyList<WorkerFix>? Positions);

    private sealed record WorkerFix(double Lon, double Lat, DateTimeOffset At);
}
