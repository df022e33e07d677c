using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Quarantine;
using Dashboard.Core.Telemetry;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Dashboard.Core.Tests.Jobs.JobsHarness;

namespace Dashboard.Core.Tests.Jobs;

public sealed class JobLogicTests
{
    [Fact]
    public async Task A_sensor_silent_past_its_heartbeat_raises_one_offline_alert_which_clears_when_it_reports_again()
    {
        var h = await CreateAsync(TestAssets.Local(2026, 11, 23, 9));
        var sensor = TestCity.Chancheng.Devices.Sensors[0];
        await AddReadingAsync(h, sensor.Id, h.Time.GetUtcNow());
        var heartbeat = new SensorHeartbeat(h, h.Reference, h.Time, NullLogger<SensorHeartbeat>.Instance);

        h.Time.Advance(sensor.HeartbeatInterval - TimeSpan.FromMinutes(1));
        Assert.Empty((await heartbeat.RunAsync(default)).Raised);
        h.Time.Advance(TimeSpan.FromMinutes(2));
        var raised = await heartbeat.RunAsync(default);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await heartbeat.RunAsync(default);

        var number = Assert.Single(raised.Raised);
        Assert.Empty(again.Raised);
        var alert = await h.LoadAsync(number);
        Assert.Equal(IncidentSource.Iot, alert.Source);
        Assert.Equal(h.Reference.Catalog.FindByFeedKey("iot:device.offline")!.Code, alert.ItemCode);

        await AddReadingAsync(h, sensor.Id, h.Time.GetUtcNow());
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var cleared = await heartbeat.RunAsync(default);

        Assert.Equal([number], cleared.Cleared);
        Assert.Equal(IncidentStatus.Rejected, (await h.LoadAsync(number)).Status);
        await using var db = h.Store.Open();
        Assert.False((await db.Set<SensorAlarmState>().SingleAsync(s => s.DeviceId == sensor.Id)).IsRaised);
    }

    [Fact]
    public async Task After_the_center_was_down_a_device_gets_one_full_interval_to_report_before_it_is_called_offline()
    {
        var h = await CreateAsync(TestAssets.Local(2026, 11, 23, 9));
        var sensor = TestCity.Chancheng.Devices.Sensors[0];
        await AddReadingAsync(h, sensor.Id, h.Time.GetUtcNow());
        // The center goes down for three intervals and comes back: it heard nothing from anyone meanwhile.
        h.Time.Advance(sensor.HeartbeatInterval * 3);
        var heartbeat = new SensorHeartbeat(h, h.Reference, h.Time, NullLogger<SensorHeartbeat>.Instance, new HeartbeatWatch(h.Time));

        var atRestart = await heartbeat.RunAsync(default);
        h.Time.Advance(sensor.HeartbeatInterval + TimeSpan.FromMinutes(1));
        var oneIntervalLater = await heartbeat.RunAsync(default);

        Assert.Empty(atRestart.Raised);
        Assert.Single(oneIntervalLater.Raised);
    }

    [Fact]
    public async Task Rollup_numbers_equal_a_direct_count_over_raw_incidents()
    {
        var h = await CreateAsync(TestAssets.Local(2026, 11, 23, 9));
        var shiwan = new IncidentLocation(113.12, 23.02, "440604010001001", "440604010001", "440604010");
        var zumiao = new IncidentLocation(113.11, 23.04, "440604012001001", "440604012001", "440604012");
        var a = await h.NewIncidentAsync(i => h.Workflow.Register(i, Dispatcher), location: shiwan);
        await h.NewIncidentAsync(location: shiwan, source: IncidentSource.Hotline12345);
        h.SetLocal(2026, 11, 23, 10, 30);
        await h.NewIncidentAsync(i => { i.SelfHandle(Dispatcher, h.Time.GetUtcNow()); i.Close(Dispatcher, h.Time.GetUtcNow()); }, location: zumiao);
        await h.ChangeAsync(a.Number, i => h.Workflow.Dispatch(i, Dispatcher, "CGZF"));
        h.SetLocal(2026, 11, 23, 20, 0);
        var builder = new RollupBuilder(h, new WorkingCalendarSource(() => TestAssets.Calendar), h.Time);

        await builder.RebuildDayAsync(new DateOnly(2026, 11, 23), default);
        await builder.RebuildDayAsync(new DateOnly(2026, 11, 23), default);

        var queries = new RollupQueries(h);
        var dayStart = TestAssets.Local(2026, 11, 23, 0);
        var streets = await queries.SeriesAsync(RollupGrain.Day, RollupDimension.Street, null, dayStart, dayStart.AddDays(1));
        await using var db = h.Store.Open();
        var raw = await db.Set<Incident>().AsNoTracking().ToListAsync();
        foreach (var street in new[] { "440604010", "440604012" })
        {
            var row = Assert.Single(streets, s => s.Key == street);
            Assert.Equal(raw.Count(i => i.Location.StreetCode == street), row.Counts.Found);
        }

        var hourly = await queries.SeriesAsync(RollupGrain.Hour, RollupDimension.Source, "Camera", dayStart, dayStart.AddDays(1));
        Assert.Equal(raw.Count(i => i.Source == IncidentSource.Camera), hourly.Sum(p => p.Counts.Found));
        var shiwanDay = Assert.Single(streets, s => s.Key == "440604010");
        Assert.Equal(1, shiwanDay.Counts.Dispatched);
        // Its 4-working-hour accept and handle clocks from 10:30 ran out at 16:30, unmet.
        Assert.Equal(2, shiwanDay.Counts.Overdue);
        var zumiaoDay = Assert.Single(streets, s => s.Key == "440604012");
        Assert.Equal(1, zumiaoDay.Counts.Closed);
        Assert.Equal(0, zumiaoDay.Counts.MedianCloseMinutes);
        // Closed out of SelfHandled: handled on the spot (自处置), part of the closings; the other street had none.
        Assert.Equal(1, zumiaoDay.Counts.HandledOnTheSpot);
        Assert.Equal(0, shiwanDay.Counts.HandledOnTheSpot);

        var communities = await queries.SeriesAsync(RollupGrain.Day, RollupDimension.Community, null, dayStart, dayStart.AddDays(1));
        Assert.Equal([("440604010001", 2), ("440604012001", 1)], communities.Select(c => (c.Key, c.Counts.Found)));
    }

    [Fact]
    public async Task Retention_archives_payloads_of_old_resolved_cases_and_old_quarantine_but_keeps_recent_and_open_ones()
    {
        var h = await CreateAsync(TestAssets.Local(2026, 1, 5, 9));
        var oldClosed = await h.NewIncidentAsync(i => { i.SelfHandle(Dispatcher, h.Time.GetUtcNow()); i.Close(Dispatcher, h.Time.GetUtcNow()); });
        var oldOpen = await h.NewIncidentAsync();
        await using (var db = h.Store.Open())
        {
            db.Add(new QuarantinedMessage("cap", h.Time.GetUtcNow().ToUniversalTime(), "sent", "bad date", "application/xml", [1, 2, 3], "abc", null));
            await db.SaveChangesAsync();
        }

        h.SetLocal(2026, 11, 23, 9);
        var recentClosed = await h.NewIncidentAsync(i => { i.SelfHandle(Dispatcher, h.Time.GetUtcNow()); i.Close(Dispatcher, h.Time.GetUtcNow()); });
        var sweeper = new RetentionSweeper(h, h.Time, Options.Create(new RetentionOptions { Days = 90, BatchSize = 1 }));

        var result = await sweeper.RunAsync(default);

        Assert.Equal(new RetentionResult(1, 1), result);
        await using var check = h.Store.Open();
        var payloads = await check.Set<Incident>().AsNoTracking().Include(i => i.Reports)
            .ToDictionaryAsync(i => i.Number, i => i.Reports.Single().PayloadJson);
        Assert.Null(payloads[oldClosed.Number]);
        Assert.NotNull(payloads[oldOpen.Number]);
        Assert.NotNull(payloads[recentClosed.Number]);
        Assert.Equal("{\"raw\":true}", (await check.Set<ArchivedReportPayload>().SingleAsync()).PayloadJson);
        Assert.Empty(await check.Set<QuarantinedMessage>().ToListAsync());
        Assert.Equal([1, 2, 3], (await check.Set<ArchivedQuarantineMessage>().SingleAsync()).Payload);
    }

    private static async Task AddReadingAsync(JobsHarness h, string deviceId, DateTimeOffset at)
    {
        await using var db = h.Store.Open();
        db.Add(new SensorReading(deviceId, "Manhole", at.ToUniversalTime(), new SensorValues(TiltDeg: 1)));
        await db.SaveChangesAsync();
    }
}
