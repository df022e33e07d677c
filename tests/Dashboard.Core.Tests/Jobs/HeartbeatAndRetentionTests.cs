using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Quarantine;
using Dashboard.Core.Registry;
using Dashboard.Core.Telemetry;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Dashboard.Core.Tests.Jobs.JobsHarness;

namespace Dashboard.Core.Tests.Jobs;

/// <summary>
/// The sensor heartbeat and the retention sweep against issue #7, driven by a fake clock. Both run on natural time:
/// devices report around the clock and an archive age is a number of days, so weekends, holidays and make-up
/// working days (调休) must change nothing; the dates below sit on those edges of the 2026 calendar to show it.
/// </summary>
public sealed class HeartbeatAndRetentionTests
{
    private static readonly Sensor Manhole = TestCity.Chancheng.Devices.Sensors.First(s => s.Kind == SensorKind.ManholeCover);
    private static readonly Sensor Smoke = TestCity.Chancheng.Devices.Sensors.First(s => s.Kind == SensorKind.Smoke);

    [Fact]
    public async Task On_a_national_holiday_each_sensor_goes_offline_after_its_own_kinds_interval()
    {
        // 2026-10-01, National Day: not a working day, yet a silent device is as offline as on any other day.
        var h = await CreateAsync(TestAssets.Local(2026, 10, 1, 0, 0));
        Assert.False(TestAssets.Calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
        await ReadAsync(h, Manhole, Smoke);
        var heartbeat = Heartbeat(h);

        h.SetLocal(2026, 10, 1, 1, 0); // exactly the manhole cover's hour: silent, not yet longer than expected
        var atInterval = await heartbeat.RunAsync(default);
        h.SetLocal(2026, 10, 1, 1, 1);
        var manholeLate = await heartbeat.RunAsync(default);
        h.SetLocal(2026, 10, 1, 4, 1); // past the smoke detector's four hours
        var smokeLate = await heartbeat.RunAsync(default);

        Assert.Equal(TimeSpan.FromHours(1), Manhole.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromHours(4), Smoke.HeartbeatInterval);
        Assert.Empty(atInterval.Raised);
        Assert.Equal([Manhole.Id], await RaisedDevicesAsync(h, manholeLate.Raised));
        Assert.Equal([Smoke.Id], await RaisedDevicesAsync(h, smokeLate.Raised));
    }

    [Fact]
    public async Task After_an_alert_clears_on_a_report_a_second_silence_raises_a_new_alert_once()
    {
        // A make-up working Saturday (调休上班, 2026-10-10) and the Sunday after: the calendar plays no part.
        var h = await CreateAsync(TestAssets.Local(2026, 10, 10, 9, 0));
        Assert.True(TestAssets.Calendar.IsMakeUpWorkday(new DateOnly(2026, 10, 10)));
        await ReadAsync(h, Manhole);
        var heartbeat = Heartbeat(h);

        h.SetLocal(2026, 10, 10, 10, 30);
        var first = Assert.Single((await heartbeat.RunAsync(default)).Raised);
        h.SetLocal(2026, 10, 10, 10, 32);
        await ReadAsync(h, Manhole);
        h.SetLocal(2026, 10, 10, 10, 35);
        Assert.Equal([first], (await heartbeat.RunAsync(default)).Cleared);

        h.SetLocal(2026, 10, 11, 9, 0);
        var second = await heartbeat.RunAsync(default);
        h.SetLocal(2026, 10, 11, 9, 5);
        var again = await heartbeat.RunAsync(default);

        var number = Assert.Single(second.Raised);
        Assert.NotEqual(first, number);
        Assert.Empty(again.Raised);
        Assert.Empty(again.Cleared);
        Assert.Equal(IncidentStatus.Rejected, (await h.LoadAsync(first)).Status);
        Assert.Equal(IncidentStatus.Reported, (await h.LoadAsync(number)).Status);
        await using var db = h.Store.Open();
        var state = await db.Set<SensorAlarmState>().SingleAsync(s => s.DeviceId == Manhole.Id && s.AlarmKey == SensorHeartbeat.AlarmKey);
        Assert.True(state.IsRaised);
        Assert.Equal(number, state.IncidentNumber);
    }

    [Fact]
    public async Task An_offline_alert_someone_already_dispatched_is_kept_open_when_the_device_returns_and_records_the_return()
    {
        var h = await CreateAsync(TestAssets.Local(2026, 11, 27, 16, 0)); // Friday
        await ReadAsync(h, Manhole);
        var heartbeat = Heartbeat(h);
        h.SetLocal(2026, 11, 27, 17, 5);
        var number = Assert.Single((await heartbeat.RunAsync(default)).Raised);
        await h.ChangeAsync(number, i =>
        {
            h.Workflow.Register(i, Dispatcher);
            h.Workflow.Dispatch(i, Dispatcher, "SW");
        });

        h.SetLocal(2026, 11, 28, 10, 0); // Saturday: the device is back
        await ReadAsync(h, Manhole);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var result = await heartbeat.RunAsync(default);

        Assert.Equal([number], result.Cleared);
        var alert = await h.LoadAsync(number);
        // The department was already sent: the case stays with it, and its timeline says the device is back.
        Assert.Equal(IncidentStatus.Dispatched, alert.Status);
        Assert.Contains(alert.Timeline, t => t.Action == IncidentAction.AttachReport && t.ActorId == SensorHeartbeat.Watcher.Id);
        await using var db = h.Store.Open();
        Assert.False((await db.Set<SensorAlarmState>().SingleAsync(s => s.DeviceId == Manhole.Id)).IsRaised);
    }

    [Fact]
    public async Task Retention_archives_after_the_configured_number_of_natural_days_across_the_spring_festival()
    {
        // Closed and quarantined Tuesday 2026-02-10 09:00, before the Spring Festival holiday (02-15 to 02-23)
        // and the make-up Saturday 02-28: thirty natural days later is Thursday 03-12 09:00.
        var h = await CreateAsync(TestAssets.Local(2026, 2, 10, 9, 0));
        var closed = await h.NewIncidentAsync(i => { i.SelfHandle(Dispatcher, h.Time.GetUtcNow()); i.Close(Dispatcher, h.Time.GetUtcNow()); });
        var rejected = await h.NewIncidentAsync(i => i.Reject(Dispatcher, h.Time.GetUtcNow(), "false alarm"));
        var open = await h.NewIncidentAsync(i => h.Workflow.Register(i, Dispatcher));
        await using (var db = h.Store.Open())
        {
            db.Add(new QuarantinedMessage("hotline", h.Time.GetUtcNow().ToUniversalTime(), "callerType", "unknown caller type", "application/json", [7], "sha", null));
            await db.SaveChangesAsync();
        }

        RetentionSweeper Sweeper(int days) => new(h, h.Time, Options.Create(new RetentionOptions { Days = days, BatchSize = 10 }));

        h.SetLocal(2026, 3, 12, 8, 59);
        var early = await Sweeper(30).RunAsync(default);
        h.SetLocal(2026, 3, 12, 9, 1);
        var longerAge = await Sweeper(90).RunAsync(default);
        var due = await Sweeper(30).RunAsync(default);
        var again = await Sweeper(30).RunAsync(default);

        Assert.Equal(new RetentionResult(0, 0), early);
        Assert.Equal(new RetentionResult(0, 0), longerAge);
        Assert.Equal(new RetentionResult(2, 1), due);
        Assert.Equal(new RetentionResult(0, 0), again);
        await using var check = h.Store.Open();
        var archived = await check.Set<ArchivedReportPayload>().Select(a => a.IncidentNumber).OrderBy(n => n).ToListAsync();
        Assert.Equal(new[] { closed.Number, rejected.Number }.Order(StringComparer.Ordinal), archived);
        Assert.NotNull((await check.Set<Incident>().AsNoTracking().Include(i => i.Reports).SingleAsync(i => i.Number == open.Number)).Reports.Single().PayloadJson);
        Assert.Equal("unknown caller type", (await check.Set<ArchivedQuarantineMessage>().SingleAsync()).Reason);
    }

    private static SensorHeartbeat Heartbeat(JobsHarness h) => new(h, h.Reference, h.Time, NullLogger<SensorHeartbeat>.Instance);

    /// <summary>Stores one reading per sensor at the present fake time.</summary>
    private static async Task ReadAsync(JobsHarness h, params Sensor[] sensors)
    {
        await using var db = h.Store.Open();
        foreach (var sensor in sensors)
        {
            db.Add(new SensorReading(sensor.Id, sensor.Kind.ToString(), h.Time.GetUtcNow().ToUniversalTime(), new SensorValues(Battery: 80)));
        }

        await db.SaveChangesAsync();
    }

    private static async Task<List<string>> RaisedDevicesAsync(JobsHarness h, IReadOnlyList<string> numbers)
    {
        await using var db = h.Store.Open();
        return await db.Set<SensorAlarmState>().Where(s => s.IncidentNumber != null && numbers.Contains(s.IncidentNumber)).Select(s => s.DeviceId).ToListAsync();
    }
}
