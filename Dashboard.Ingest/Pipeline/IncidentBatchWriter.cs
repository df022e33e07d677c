using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Geo;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using System.Collections.Immutable;
using Dashboard.Core.Telemetry;
using Dashboard.Ingest.Classification;
using Dashboard.Ingest.Feeds.Grid;
using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.Ingest.Locating;
using Dashboard.Ingest.Normalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest.Pipeline;

/// <summary>
/// Writes a batch of accepted requests in one transaction: for each event, de-duplicate against the store
/// and the batch, then open an incident or join one; insert the readings; commit; and only then complete
/// each request's promise. A batch that fails is retried one request at a time so one bad request cannot
/// hold back the others; a request that fails alone is answered 500 (not acknowledged, so its sender retries).
/// </summary>
public sealed class IncidentBatchWriter(
    IDbContextFactory<CityDbContext> contexts,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ThresholdEvaluator thresholds,
    IncidentClassifier classifier,
    IPlaceLocator locator,
    ILogger<IncidentBatchWriter> logger)
{
    /// <summary>
    /// Per-device alarm state for the threshold evaluator, as of the last commit. Only the writer loop touches it
    /// (one batch at a time), and a batch's changes are merged only after its commit, so a failed batch leaves no trace.
    /// </summary>
    private readonly Dictionary<string, DeviceAlarmState> _deviceStates = new(StringComparer.Ordinal);

    private static readonly Actor Ingest = Actor.System("ingest");
    private static readonly TimeZoneInfo SiteZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly IReadOnlyList<IncidentStatus> Attachable = IncidentTransitions.AllowedFrom(IncidentAction.AttachReport);
    private const double MetresPerDegreeLatitude = 111_320;

    public async Task WriteAsync(IReadOnlyList<IngestWork> batch, CancellationToken cancellationToken)
    {
        try
        {
            var receipts = await WriteInOneTransactionAsync(batch, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(receipts[i]);
            }
        }
        catch (Exception error) when (batch.Count > 1 && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "A batch of {Count} requests failed; writing them one at a time", batch.Count);
            foreach (var work in batch)
            {
                await WriteAloneAsync(work, cancellationToken);
            }
        }
        catch (Exception error)
        {
            logger.LogError(error, "A {Source} request could not be stored; it was not acknowledged", batch[0].Source);
            foreach (var work in batch)
            {
                work.Fail(error);
            }
        }
    }

    private async Task WriteAloneAsync(IngestWork work, CancellationToken cancellationToken)
    {
        try
        {
            var receipts = await WriteInOneTransactionAsync([work], cancellationToken);
            work.Complete(receipts[0]);
        }
        catch (Exception error)
        {
            logger.LogError(error, "A {Source} request could not be stored; it was not acknowledged", work.Source);
            work.Fail(error);
        }
    }

    private async Task<IReadOnlyList<IngestReceipt>> WriteInOneTransactionAsync(IReadOnlyList<IngestWork> batch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Change detection runs once before the save instead of on every query and Add: a batch touches many entities.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var unit = new BatchUnit(db, options.Value, time.GetUtcNow().ToUniversalTime());
        var receipts = new List<IngestReceipt>(batch.Count);
        var deviceStates = await LoadUnknownDevicesAsync(db, batch, cancellationToken);
        var transitions = new List<AlarmTransition>();
        var eventsPerWork = new List<List<IngestedEvent>>(batch.Count);
        var readingsPerWork = new List<IReadOnlyList<SensorReading>>(batch.Count);
        foreach (var work in batch)
        {
            var events = new List<IngestedEvent>(work.Events.Count);
            foreach (var e in work.Events)
            {
                events.Add(work.RecordOnly.TryGetValue(e, out var why)
                    ? await unit.RecordAsync(e, why, cancellationToken)
                    : await unit.ApplyAsync(e, work.Items.GetValueOrDefault(e), work.Placements[e], cancellationToken));
            }

            IReadOnlyList<SensorReading> rows = [];
            if (work.Telemetry is { } telemetry)
            {
                foreach (var reading in telemetry.Readings)
                {
                    if (!deviceStates.TryGetValue(reading.DeviceId, out var state))
                    {
                        state = _deviceStates[reading.DeviceId];
                    }

                    transitions.Clear();
                    deviceStates[reading.DeviceId] = thresholds.Evaluate(reading, state, transitions);
                    foreach (var transition in transitions)
                    {
                        var alarm = transition.ToEvent(reading, telemetry.Raw);
                        if (TryClassify(alarm) is { } item)
                        {
                            events.Add(await unit.ApplyAsync(alarm, item, EventPlacement.Place(alarm, locator), cancellationToken));
                        }
                        else
                        {
                            // The reading is good; the deployment's catalog lacks the alarm. Failing the batch would make the
                            // vendor resend it forever, so the sender and the log are told instead.
                            logger.LogError("No catalog item for IoT alarm {FeedKey} (device {Device}); add it to the catalog's feed keys", alarm.FeedKey, alarm.DeviceId);
                            events.Add(new IngestedEvent(alarm.ExternalId, null, IngestOutcome.Ignored, $"alarm {alarm.FeedKey}: no catalog item maps this feed key; the reading was stored, no alert was raised"));
                        }
                    }
                }

                var list = new List<SensorReading>(telemetry.Readings.Count);
                foreach (var reading in telemetry.Readings)
                {
                    list.Add(ToRow(reading));
                }

                rows = list;
            }

            if (work.Patrol is { } patrol && patrol.Positions.Count > 0)
            {
                db.ChangeLog.Add(PatrolChange(patrol, unit.Now));
            }

            eventsPerWork.Add(events);
            readingsPerWork.Add(rows);
        }

        // One insert for the whole batch: per request it cost a prepare (SQLite) or four round trips (PostgreSQL).
        var stored = await ReadingBulkWriter.InsertAsync(db, readingsPerWork, cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            receipts.Add(new IngestReceipt(eventsPerWork[i], stored[i]));
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (device, state) in deviceStates)
        {
            _deviceStates[device] = state;
        }

        return receipts;
    }

    /// <summary>
    /// Devices first seen since start: their raised alarms from the store, and their newest stored reading, so a
    /// restart neither raises a second alert for an alarm still on nor lets a redelivered old reading flap it.
    /// Loaded for the whole batch in a few queries (a cold start sees thousands of devices at once).
    /// </summary>
    private async Task<Dictionary<string, DeviceAlarmState>> LoadUnknownDevicesAsync(CityDbContext db, IReadOnlyList<IngestWork> batch, CancellationToken ct)
    {
        var states = new Dictionary<string, DeviceAlarmState>(StringComparer.Ordinal);
        var unknown = batch.SelectMany(w => w.Telemetry?.Readings ?? [])
            .Select(r => r.DeviceId)
            .Where(id => !_deviceStates.ContainsKey(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var chunk in unknown.Chunk(500))
        {
            var raised = await db.Set<SensorAlarmState>().AsNoTracking()
                .Where(s => chunk.Contains(s.DeviceId) && s.IsRaised)
                .Select(s => new { s.DeviceId, s.AlarmKey, s.ChangedAtUtc })
                .ToListAsync(ct);
            var lastObserved = await db.Set<SensorReading>().AsNoTracking()
                .Where(r => chunk.Contains(r.DeviceId))
                .GroupBy(r => r.DeviceId)
                .Select(g => new { DeviceId = g.Key, Last = g.Max(r => r.ObservedAtUtc) })
                .ToDictionaryAsync(x => x.DeviceId, x => x.Last, StringComparer.Ordinal, ct);
            foreach (var device in chunk)
            {
                var active = AlarmKind.None;
                var raisedAt = ImmutableDictionary<AlarmKind, DateTimeOffset>.Empty;
                foreach (var row in raised.Where(r => r.DeviceId == device))
                {
                    var kind = Enum.GetValues<AlarmKind>().FirstOrDefault(k => k != AlarmKind.None && AlarmKinds.FeedKey(k) == row.AlarmKey);
                    if (kind != AlarmKind.None)
                    {
                        active |= kind;
                        raisedAt = raisedAt.SetItem(kind, row.ChangedAtUtc ?? DateTimeOffset.MinValue);
                    }
                }

                states[device] = new DeviceAlarmState(active, lastObserved.TryGetValue(device, out var last) ? last : null, raisedAt);
            }
        }

        return states;
    }

    private Core.Catalog.CatalogItem? TryClassify(NormalizedEvent alarm)
    {
        try
        {
            return classifier.Classify(alarm);
        }
        catch (FeedParseException)
        {
            return null;
        }
    }

    private ChangeLogEntry PatrolChange(PatrolTrack patrol, DateTimeOffset now)
    {
        var last = patrol.Positions[^1];
        var place = locator.Locate(last.Position);
        return new ChangeLogEntry(
            now,
            "worker.positions",
            "worker",
            Truncate(patrol.WorkerId, 64)!,
            new ChangeScope(place.StreetCode, place.CommunityCode, place.GridCode),
            JsonSerializer.Serialize(new
            {
                worker = patrol.WorkerId,
                batch = patrol.BatchId,
                positions = patrol.Positions.Select(p => new { lon = p.Position.Lon, lat = p.Position.Lat, at = p.AtUtc, accuracy = p.AccuracyMetres }),
            }),
            actor: "system:ingest");
    }

    private static SensorReading ToRow(TelemetryReading r) => new(
        r.DeviceId,
        r.Kind.ToString(),
        r.ObservedAtUtc.ToUniversalTime(),
        new SensorValues(r.Values.TiltDeg, r.Values.Open, r.Values.WaterLevelCm, r.Values.PressureMPa, r.Values.Tamper,
            r.Values.Trapped, r.Values.Fault, r.Values.SmokeObscuration, r.Values.Battery, r.Values.Pressed),
        r.Sequence);

    /// <summary>The state of one transaction: what it has created and loaded, so events in one batch see each other.</summary>
    private sealed class BatchUnit(CityDbContext db, IngestOptions options, DateTimeOffset now)
    {
        public DateTimeOffset Now => now;

        private readonly Dictionary<(IncidentSource, string), Incident> _byReport = [];
        private readonly Dictionary<string, Incident> _byNumber = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string), SensorAlarmState> _alarms = [];
        private readonly HashSet<(string, string)> _recorded = [];

        /// <summary>A device message that opens no incident: one device_events row per (source, external id).</summary>
        public async Task<IngestedEvent> RecordAsync(NormalizedEvent e, string reason, CancellationToken ct)
        {
            var source = FeedSourceNames.Of(e.Source);
            var id = Truncate(ReportIdOf(e), 128)!;
            if (!_recorded.Add((source, id)) || await db.Set<DeviceEvent>().AnyAsync(d => d.Source == source && d.ExternalId == id, ct))
            {
                return new IngestedEvent(e.ExternalId, null, IngestOutcome.Unchanged, "this message was recorded before; redelivery changes nothing");
            }

            db.Add(new DeviceEvent(source, id, Truncate(e.DeviceId ?? e.CameraId ?? e.SourceSystem, 64)!, e.Channel,
                Truncate(e.Attributes.GetValueOrDefault("isapi.eventType") ?? e.FeedKey, 64)!, e.State.ToString(), e.OccurredAtUtc, now,
                Truncate(reason, 256)!, JsonSerializer.Serialize(new { feedKey = e.FeedKey, cameraId = e.CameraId, attributes = e.Attributes, warnings = e.Warnings, sha256 = e.Raw.Sha256 })));
            return new IngestedEvent(e.ExternalId, null, IngestOutcome.Recorded, reason);
        }

        public async Task<IngestedEvent> ApplyAsync(NormalizedEvent e, CatalogItem? item, Locating.Placement placement, CancellationToken ct)
        {
            var source = ToIncidentSource(e.Source);
            var reportId = ReportIdOf(e);
            var known = await FindByReportAsync(source, reportId, ct);
            if (known is not null)
            {
                return Revise(known, source, reportId, e, placement);
            }

            if (e.References.Count > 0 && await FindReferencedAsync(source, e, ct) is { } referenced)
            {
                var why = $"{e.State} of {source} message {referenced.Identifier}";
                if (Attachable.Contains(referenced.Incident.Status))
                {
                    Attach(referenced.Incident, source, e, placement, why);
                    ApplySourceState(referenced.Incident, e, why);
                    return new IngestedEvent(e.ExternalId, referenced.Incident.Number, IngestOutcome.Updated, why);
                }

                if (e.State is not (EventState.Active or EventState.Open) || item is null)
                {
                    return new IngestedEvent(e.ExternalId, referenced.Incident.Number, IngestOutcome.Ignored,
                        $"{why}: incident {referenced.Incident.Number} has already ended ({referenced.Incident.Status}); nothing to change");
                }
            }

            if (item is null)
            {
                // Only reference-only messages (a CAP Cancel without info) come here without an item: what they refer to is unknown.
                return new IngestedEvent(e.ExternalId, null, IngestOutcome.Ignored,
                    $"{e.State} refers to {string.Join(", ", e.References.Select(r => r.Identifier))}, which this store does not hold; nothing to update");
            }

            if (AlarmKeyOf(e) is { } alarm)
            {
                return await ApplyAlarmAsync(e, item, placement, source, alarm, ct);
            }

            if (e.State is not (EventState.Active or EventState.Open))
            {
                // Already closed when it arrives (a grid worker's on-the-spot fix) or a clear for nothing open:
                // kept as its own incident, never matched into an open one and never dropped.
                var lone = await OpenAsync(e, item, placement, source, ct);
                return new IngestedEvent(e.ExternalId, lone.Number, IngestOutcome.Created, $"received as {e.State}; kept as its own incident");
            }

            var match = placement.IsEstimated ? null : await FindNearbyAsync(item.Code, placement.Point, e.OccurredAtUtc, ct);
            if (match is { } m)
            {
                var sameSource = m.Incident.Reports.Any(r => r.Source == source);
                var reason = string.Create(CultureInfo.InvariantCulture,
                    $"same item {item.Code} ({item.Name}) {m.DistanceMetres:F0} m and {Math.Abs((e.OccurredAtUtc - m.Incident.OccurredUtc).TotalMinutes):F0} min from the open incident first reported by {m.Incident.Source} {m.Incident.ExternalId} (limits {options.DuplicateRadiusMetres:F0} m, {options.DuplicateWindowMinutes} min)");
                Attach(m.Incident, source, e, placement, reason);
                return new IngestedEvent(e.ExternalId, m.Incident.Number, sameSource ? IngestOutcome.Joined : IngestOutcome.Fused, reason);
            }

            var created = await OpenAsync(e, item, placement, source, ct);
            return new IngestedEvent(e.ExternalId, created.Number, IngestOutcome.Created, null);
        }

        /// <summary>
        /// The same (source, external id) again. Unchanged state and revision: a redelivery, nothing changes. Otherwise
        /// the source has moved its message on (a 12345 order closed, a camera detection ended, an upstream Open311
        /// request updated): the report is revised in place on the one incident, and a withdrawal ends it.
        /// </summary>
        private IngestedEvent Revise(Incident known, IncidentSource source, string reportId, NormalizedEvent e, Locating.Placement placement)
        {
            var report = known.Reports.FirstOrDefault(r => r.Source == source && r.ExternalId == reportId);
            var stored = StoredVersion.Of(report?.PayloadJson);
            var state = e.State.ToString();
            if (report is null || stored is null || (stored.State == state && (!stored.HasRevision || stored.Revision == e.Revision)))
            {
                return new IngestedEvent(e.ExternalId, known.Number, IngestOutcome.Unchanged, "this message was stored before; redelivery changes nothing");
            }

            var changes = new List<string>(2);
            if (stored.State != state)
            {
                changes.Add($"state {stored.State} → {state}");
            }

            if (stored.HasRevision && stored.Revision != e.Revision)
            {
                changes.Add($"revision '{stored.Revision}' → '{e.Revision}'");
            }

            var why = $"{source} message {e.ExternalId} updated: {string.Join(", ", changes)}";
            known.UpdateReport(source, reportId, Truncate(e.Title, 512), ReportPayload(e, placement, why), Ingest, now, why);
            ApplySourceState(known, e, why);
            return new IngestedEvent(e.ExternalId, known.Number, IngestOutcome.Updated, why);
        }

        /// <summary>
        /// What a source may do to the case itself: withdraw it (CAP Cancel, 12345 撤单) while nobody has been sent, or
        /// report an on-the-spot item fixed. Everything else a source says is recorded; the case's own stages stay with people.
        /// </summary>
        private void ApplySourceState(Incident incident, NormalizedEvent e, string why)
        {
            if (e.State == EventState.Cancelled && IncidentTransitions.AllowedFrom(IncidentAction.Reject).Contains(incident.Status))
            {
                incident.Reject(Ingest, now, "withdrawn by the source: " + why);
            }
            else if (e.State == EventState.Closed && incident.IsOnTheSpot && incident.Status == IncidentStatus.Reported)
            {
                incident.SelfHandle(Ingest, now, "handled on the spot by the reporter");
                incident.Close(Ingest, now, "handled on the spot by the reporter");
            }
        }

        private async Task<IngestedEvent> ApplyAlarmAsync(NormalizedEvent e, CatalogItem item, Locating.Placement placement, IncidentSource source, (string Device, string Key) alarm, CancellationToken ct)
        {
            if (!_alarms.TryGetValue(alarm, out var state))
            {
                state = await db.Set<SensorAlarmState>().FindAsync([alarm.Device, alarm.Key], ct);
                if (state is null)
                {
                    state = new SensorAlarmState(alarm.Device, alarm.Key);
                    db.Add(state);
                }

                _alarms[alarm] = state;
            }

            var current = state.IncidentNumber is { } number ? await LoadAsync(number, ct) : null;
            var isOn = current is not null && Attachable.Contains(current.Status);
            var value = (e.Attributes.TryGetValue("iot.value", out var text) || e.Attributes.TryGetValue("value", out text)) && double.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
            if (e.State is EventState.Active or EventState.Open)
            {
                if (isOn)
                {
                    var why = state.IsRaised ? $"repeated alarm {alarm.Key} of {alarm.Device}" : $"alarm {alarm.Key} of {alarm.Device} raised again while its alert is open";
                    Attach(current!, source, e, placement, why);
                    state.Raise(current!.Number, value, now);
                    return new IngestedEvent(e.ExternalId, current.Number, IngestOutcome.AlarmUpdated, why);
                }

                var raised = await OpenAsync(e, item, placement, source, ct);
                state.Raise(raised.Number, value, now);
                return new IngestedEvent(e.ExternalId, raised.Number, IngestOutcome.Created, $"alarm {alarm.Key} of {alarm.Device} raised");
            }

            if (isOn && state.IsRaised)
            {
                var why = $"alarm {alarm.Key} of {alarm.Device} cleared";
                Attach(current!, source, e, placement, why);
                state.Clear(value, now);
                return new IngestedEvent(e.ExternalId, current!.Number, IngestOutcome.AlarmUpdated, why);
            }

            state.Clear(value, now);
            return new IngestedEvent(e.ExternalId, state.IncidentNumber, IngestOutcome.Ignored, $"alarm {alarm.Key} of {alarm.Device} was not raised; nothing to clear");
        }

        private async Task<Incident> OpenAsync(NormalizedEvent e, CatalogItem item, Locating.Placement placement, IncidentSource source, CancellationToken ct)
        {
            var location = new IncidentLocation(
                placement.Point.Lon,
                placement.Point.Lat,
                placement.Place.GridCode,
                placement.Place.CommunityCode,
                placement.Place.StreetCode,
                placement.Place.IsOutsideDistrict,
                Truncate(e.AddressText, 512));
            var draft = IncidentDraft.FromCatalog(
                await NextNumberAsync(ct),
                source,
                ReportIdOf(e),
                item,
                location,
                e.OccurredAtUtc,
                title: Truncate(TitleFor(e, item), 256),
                description: Truncate(e.Description, 4000),
                severity: Math.Clamp(Math.Max(e.Severity, item.DefaultSeverity), 1, 5),
                payloadJson: ReportPayload(e, placement, null));
            var incident = Incident.Report(draft, Ingest, now);
            if (e.State == EventState.Closed && item.IsOnTheSpot)
            {
                // 当场处置: the grid worker fixed it while reporting; recorded, counted, nothing to dispatch.
                incident.SelfHandle(Ingest, now, "handled on the spot by the reporter");
                if (!incident.NeedsCitizenCallback)
                {
                    // A citizen's case waits for the callback (回访) before it closes, even when fixed on the spot.
                    incident.Close(Ingest, now, "handled on the spot by the reporter");
                }
            }

            db.Add(incident);
            _byNumber[incident.Number] = incident;
            _byReport[(source, ReportIdOf(e))] = incident;
            return incident;
        }

        private void Attach(Incident incident, IncidentSource source, NormalizedEvent e, Locating.Placement placement, string reason)
        {
            var reportId = ReportIdOf(e);
            incident.AttachReport(new IncidentReport(source, reportId, now, Truncate(e.Title, 512), ReportPayload(e, placement, reason)), Ingest, now);
            _byReport[(source, reportId)] = incident;
        }

        private async Task<Incident?> FindByReportAsync(IncidentSource source, string externalId, CancellationToken ct)
        {
            if (_byReport.TryGetValue((source, externalId), out var inBatch))
            {
                return inBatch;
            }

            var incidentId = await db.Set<IncidentReport>()
                .Where(r => r.Source == source && r.ExternalId == externalId)
                .Select(r => (long?)EF.Property<long>(r, "IncidentId"))
                .FirstOrDefaultAsync(ct);
            return incidentId is { } id ? await LoadAsync(id, ct) : null;
        }

        /// <summary>The incident holding the first referenced message found, whatever its status (the caller decides).</summary>
        private async Task<(Incident Incident, string Identifier)?> FindReferencedAsync(IncidentSource source, NormalizedEvent e, CancellationToken ct)
        {
            (Incident Incident, string Identifier)? ended = null;
            foreach (var reference in e.References)
            {
                if (await FindByReportAsync(source, reference.Identifier, ct) is { } incident)
                {
                    if (Attachable.Contains(incident.Status))
                    {
                        return (incident, reference.Identifier);
                    }

                    ended ??= (incident, reference.Identifier);
                }
            }

            return ended;
        }

        private async Task<(Incident Incident, double DistanceMetres)?> FindNearbyAsync(string itemCode, LonLat point, DateTimeOffset occurredUtc, CancellationToken ct)
        {
            var radius = options.DuplicateRadiusMetres;
            var window = TimeSpan.FromMinutes(options.DuplicateWindowMinutes);
            var dLat = radius / MetresPerDegreeLatitude;
            var dLon = radius / (MetresPerDegreeLatitude * Math.Cos(point.Lat * Math.PI / 180));
            var (from, to) = (occurredUtc - window, occurredUtc + window);
            var statuses = Attachable.ToList();

            var candidates = _byNumber.Values
                .Where(i => i.ItemCode == itemCode && Attachable.Contains(i.Status) && i.OccurredUtc >= from && i.OccurredUtc <= to)
                .Select(i => (i.Number, i.Location.Longitude, i.Location.Latitude))
                .ToList();
            var stored = await db.Set<Incident>()
                .Where(i => i.ItemCode == itemCode && statuses.Contains(i.Status)
                    && i.Location.Latitude >= point.Lat - dLat && i.Location.Latitude <= point.Lat + dLat
                    && i.Location.Longitude >= point.Lon - dLon && i.Location.Longitude <= point.Lon + dLon
                    && i.OccurredUtc >= from && i.OccurredUtc <= to)
                .OrderByDescending(i => i.Id)
                .Select(i => new { i.Number, i.Location.Longitude, i.Location.Latitude })
                .Take(50)
                .ToListAsync(ct);
            candidates.AddRange(stored.Select(s => (s.Number, s.Longitude, s.Latitude)));

            var nearest = candidates
                .Select(c => (c.Number, Distance: DistanceMetres(point, new LonLat(c.Longitude, c.Latitude))))
                .Where(c => c.Distance <= radius)
                .OrderBy(c => c.Distance)
                .FirstOrDefault();
            if (nearest.Number is null)
            {
                return null;
            }

            var incident = await LoadAsync(nearest.Number, ct);
            return incident is null ? null : (incident, nearest.Distance);
        }

        private async Task<Incident?> LoadAsync(string number, CancellationToken ct)
        {
            if (_byNumber.TryGetValue(number, out var loaded))
            {
                return loaded;
            }

            var incident = await WithAggregate().FirstOrDefaultAsync(i => i.Number == number, ct);
            if (incident is not null)
            {
                _byNumber[number] = incident;
            }

            return incident;
        }

        private async Task<Incident?> LoadAsync(long id, CancellationToken ct)
        {
            var tracked = _byNumber.Values.FirstOrDefault(i => i.Id == id);
            if (tracked is not null)
            {
                return tracked;
            }

            var incident = await WithAggregate().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (incident is not null)
            {
                _byNumber[incident.Number] = incident;
            }

            return incident;
        }

        private IQueryable<Incident> WithAggregate() =>
            db.Set<Incident>().Include(i => i.Reports).Include(i => i.Timeline).Include(i => i.Clocks).AsSplitQuery().OrderBy(i => i.Id);

        /// <summary>
        /// SJ + local day + sequence from the store's per-day counter, in this transaction: several workers on one
        /// PostgreSQL never hand out the same number, and a batch that rolls back gives its numbers back.
        /// </summary>
        private Task<string> NextNumberAsync(CancellationToken ct) => StoreIncidentNumbers.NextAsync(db, now, ct);

        /// <summary>
        /// The id a report is stored under. Device feeds send the clearing message under the id of the alarm it
        /// clears (ISAPI: same device, channel, type and time window), so the clear gets its own suffix: it must
        /// not be taken for a redelivery of the alarm, and its own redelivery must still change nothing.
        /// </summary>
        private static string ReportIdOf(NormalizedEvent e) =>
            e.Source is FeedSource.Iot or FeedSource.Isapi && e.State is EventState.Cleared or EventState.Closed or EventState.Cancelled
                ? e.ExternalId + "#" + e.State.ToString().ToLowerInvariant()
                : e.ExternalId;

        private static (string Device, string Key)? AlarmKeyOf(NormalizedEvent e) =>
            e.Source is FeedSource.Iot or FeedSource.Isapi && (e.CameraId ?? e.DeviceId) is { } device
                ? (Truncate(device, 64)!, Truncate(e.FeedKey, 64)!)
                : null;
    }

    internal static IncidentSource ToIncidentSource(FeedSource source) => source switch
    {
        FeedSource.Open311 => IncidentSource.Open311,
        FeedSource.Hotline12345 => IncidentSource.Hotline12345,
        FeedSource.Cap => IncidentSource.Cap,
        FeedSource.Iot => IncidentSource.Iot,
        FeedSource.Isapi => IncidentSource.Isapi,
        FeedSource.Camera => IncidentSource.Camera,
        FeedSource.Grid => IncidentSource.Grid,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown feed source."),
    };

    /// <summary>Great-circle distance; exact enough at street scale.</summary>
    internal static double DistanceMetres(LonLat a, LonLat b)
    {
        const double EarthRadius = 6_371_008.8;
        var dLat = (b.Lat - a.Lat) * Math.PI / 180;
        var dLon = (b.Lon - a.Lon) * Math.PI / 180;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(a.Lat * Math.PI / 180) * Math.Cos(b.Lat * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The provenance kept with each report: what the source said, where it was placed, and why it joined.</summary>
    private static string ReportPayload(NormalizedEvent e, Locating.Placement placement, string? joinReason) =>
        JsonSerializer.Serialize(new
        {
            source = FeedSourceNames.Of(e.Source),
            sourceSystem = e.SourceSystem,
            externalId = e.ExternalId,
            feedKey = e.FeedKey,
            severity = e.Severity,
            state = e.State.ToString(),
            revision = e.Revision,
            occurredAtUtc = e.OccurredAtUtc,
            lon = placement.Point.Lon,
            lat = placement.Point.Lat,
            positionEstimated = placement.IsEstimated,
            crs = e.Location?.OriginalCrs.ToString(),
            address = e.AddressText,
            title = e.Title,
            mediaUrls = e.MediaUrls,
            deviceId = e.DeviceId,
            cameraId = e.CameraId,
            attributes = e.Attributes,
            warnings = e.Warnings,
            reporter = e.Reporter?.Masked(),
            sha256 = e.Raw.Sha256,
            joinReason,
        });

    /// <summary>
    /// Devices name their alarms in machine terms (<c>hydrant.pressure.low</c>, <c>fielddetection alarm</c>); the
    /// people reading a queue or the wall need the catalog's words and where it happened.
    /// </summary>
    private static string? TitleFor(NormalizedEvent e, CatalogItem item)
    {
        if (e.Source is not (FeedSource.Iot or FeedSource.Isapi))
        {
            return e.Title;
        }

        var where = e.Attributes.GetValueOrDefault("isapi.channelName") ?? e.DeviceId ?? e.CameraId;
        return string.IsNullOrEmpty(where) ? item.Name : $"{item.Name} · {where}";
    }

    private static string? Truncate(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..length];
}

/// <summary>The state and revision a stored report's payload recorded, to tell a source's update from a redelivery.</summary>
internal sealed record StoredVersion(string State, string? Revision, bool HasRevision)
{
    public static StoredVersion? Of(string? payloadJson)
    {
        if (payloadJson is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(payloadJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("state", out var state) || state.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // Reports stored before revisions were recorded have no such property: only their state can be compared.
        var hasRevision = root.TryGetProperty("revision", out var revision);
        return new StoredVersion(state.GetString()!, hasRevision && revision.ValueKind == JsonValueKind.String ? revision.GetString() : null, hasRevision);
    }
}
