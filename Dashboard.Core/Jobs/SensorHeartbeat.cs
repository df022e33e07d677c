using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Registry;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Seeding;
using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Jobs;

/// <summary>What one heartbeat run did.</summary>
public sealed record HeartbeatResult(int Watched, IReadOnlyList<string> Raised, IReadOnlyList<string> Cleared);

/// <summary>
/// 设备离线: a sensor silent for longer than its kind's heartbeat interval raises an offline alert (an incident
/// with source iot, catalog feed key <c>iot:device.offline</c>); the alert clears when the device reports again.
/// The raised/cleared state is the ingest pipeline's per-device alarm state (<see cref="SensorAlarmState"/>) under
/// the alarm key <see cref="AlarmKey"/>, so a restart neither raises twice nor forgets to clear.
/// </summary>
/// <remarks>
/// "Last seen" is the newest stored reading. A device that never reported since the store was created is not
/// judged: the demo registry lists more devices than any simulator feeds, and an alert per never-seen device
/// would bury the wall. Silence is measured from the later of the last reading and <see cref="HeartbeatWatch.SinceUtc"/>:
/// while the center itself was down it heard nothing from anyone, which says nothing about the devices, so after a
/// restart each device gets one full interval to report before it is called offline.
/// </remarks>
public sealed class SensorHeartbeat(
    IDbContextFactory<CityDbContext> contexts,
    ReferenceData reference,
    TimeProvider time,
    ILogger<SensorHeartbeat> logger,
    HeartbeatWatch? watch = null)
{
    public const string AlarmKey = "device.offline";

    public static readonly string OfflineFeedKey = FeedKey.Iot(AlarmKey);

    public static readonly Actor Watcher = Actor.System("heartbeat");

    public async Task<HeartbeatResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var item = reference.Catalog.FindByFeedKey(OfflineFeedKey)
            ?? throw new InvalidOperationException($"The catalog has no item for {OfflineFeedKey}; regenerate assets with tools/CityGenerator.");
        var sensors = reference.City.Devices.Sensors.ToDictionary(s => s.Id, StringComparer.Ordinal);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Case numbers come from the store's counter row, which is updated inside this transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lastSeen = await db.Set<SensorReading>().AsNoTracking()
            .GroupBy(r => r.DeviceId)
            .Select(g => new { DeviceId = g.Key, Last = g.Max(r => r.ObservedAtUtc) })
            .ToDictionaryAsync(x => x.DeviceId, x => x.Last, StringComparer.Ordinal, cancellationToken);
        var states = await db.Set<SensorAlarmState>()
            .Where(s => s.AlarmKey == AlarmKey)
            .ToDictionaryAsync(s => s.DeviceId, StringComparer.Ordinal, cancellationToken);

        var raised = new List<string>();
        var cleared = new List<string>();
        foreach (var (deviceId, last) in lastSeen)
        {
            if (!sensors.TryGetValue(deviceId, out var sensor))
            {
                continue;
            }

            states.TryGetValue(deviceId, out var state);
            var silent = now - last;
            var heardNothingFor = watch is { SinceUtc: var since } && since > last ? now - since : silent;
            if (heardNothingFor > sensor.HeartbeatInterval && state is not { IsRaised: true })
            {
                if (state is null)
                {
                    state = new SensorAlarmState(deviceId, AlarmKey);
                    db.Add(state);
                }

                var incident = Incident.Report(Draft(await StoreIncidentNumbers.NextAsync(db, now, cancellationToken), sensor, item, last, silent), Watcher, now);
                db.Add(incident);
                state.Raise(incident.Number, silent.TotalMinutes, now);
                raised.Add(incident.Number);
                logger.LogWarning("Sensor {Device} silent for {Minutes:F0} min (heartbeat {Interval}); offline alert {Number}", deviceId, silent.TotalMinutes, sensor.HeartbeatInterval, incident.Number);
            }
            else if (state is { IsRaised: true, IncidentNumber: { } number } && last > state.ChangedAtUtc)
            {
                await ClearAsync(db, number, deviceId, last, now, cancellationToken);
                state.Clear(0, now);
                cleared.Add(number);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HeartbeatResult(sensors.Count, raised, cleared);
    }

    private static async Task ClearAsync(CityDbContext db, string number, string deviceId, DateTimeOffset lastSeen, DateTimeOffset now, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().Include(i => i.Reports).Include(i => i.Timeline).Include(i => i.Clocks).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Number == number, ct);
        if (incident is null || !incident.IsOpen)
        {
            return;
        }

        var seen = lastSeen.ToString("O", CultureInfo.InvariantCulture);
        incident.AttachReport(new IncidentReport(IncidentSource.Iot, $"{deviceId}:online:{lastSeen.UtcTicks}", now, $"{deviceId} reported again at {seen}"), Watcher, now);
        if (IncidentTransitions.AllowedFrom(IncidentAction.Reject).Contains(incident.Status))
        {
            // Nobody has been sent yet and the device is back: the alert resolved itself.
            incident.Reject(Watcher, now, $"device {deviceId} reported again at {seen}; offline alert cleared");
        }
    }

    private static IncidentDraft Draft(string number, Sensor sensor, CatalogItem item, DateTimeOffset lastSeen, TimeSpan silent)
    {
        var grid = sensor.GridCode;
        var location = new IncidentLocation(sensor.Longitude, sensor.Latitude, grid.Value, grid.Community.Value, grid.Community.Street.Value, false, sensor.Name);
        var payload = JsonSerializer.Serialize(new { deviceId = sensor.Id, kind = sensor.Kind.ToString(), lastSeenUtc = lastSeen, heartbeatMinutes = sensor.HeartbeatInterval.TotalMinutes, silentMinutes = Math.Round(silent.TotalMinutes) });
        return IncidentDraft.FromCatalog(number, IncidentSource.Iot, $"{sensor.Id}:offline:{lastSeen.UtcTicks}", item, location, lastSeen + sensor.HeartbeatInterval,
            title: $"{item.Name}: {sensor.Name}", description: $"No heartbeat from {sensor.Id} ({sensor.Kind}) since {lastSeen:O}; expected every {sensor.HeartbeatInterval}.", payloadJson: payload);
    }
}

/// <summary>
/// When this node began listening for devices: the heartbeat does not count the center's own downtime as a device's
/// silence. One per host (a singleton), stamped when the host builds it.
/// </summary>
public sealed class HeartbeatWatch(TimeProvider time)
{
    public DateTimeOffset SinceUtc { get; } = time.GetUtcNow().ToUniversalTime();
}
