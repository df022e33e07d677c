using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Sla;
using static Dashboard.Core.Tests.Jobs.JobsHarness;

namespace Dashboard.Core.Tests.Jobs;

/// <summary>
/// The SLA watch driven by a fake clock through the real working calendar (08:30-12:00, 14:00-17:30 on working
/// days, 2026 holidays and make-up days). 暴露垃圾 EV-01-02: dispatch within 2 working hours, handle within 4.
/// </summary>
public sealed class SlaWatchTests
{
    [Fact]
    public async Task A_registered_case_goes_due_soon_then_overdue_then_is_escalated_one_tier_up()
    {
        var h = await CreateAsync(TestAssets.Local(2026, 11, 23, 9)); // Monday
        var incident = await h.NewIncidentAsync(i => h.Workflow.Register(i, Dispatcher));
        var watch = h.SlaWatch();

        await watch.RunAsync(default);
        Assert.Equal(["green"], await LightsAsync(h));

        h.SetLocal(2026, 11, 23, 10, 40); // 20 of 120 working minutes left
        await watch.RunAsync(default);
        h.SetLocal(2026, 11, 23, 11, 5); // due at 11:00
        await watch.RunAsync(default);
        Assert.Equal(["green", "yellow", "red"], await LightsAsync(h));
        Assert.Equal(IncidentStatus.Registered, (await h.LoadAsync(incident.Number)).Status);

        // Overdue by more than half the 2-hour limit only after lunch: 12:00-14:00 is not working time.
        h.SetLocal(2026, 11, 23, 13, 30);
        Assert.Empty((await watch.RunAsync(default)).Escalated);
        h.SetLocal(2026, 11, 23, 14, 5);
        var result = await watch.RunAsync(default);

        Assert.Equal([incident.Number], result.Escalated);
        var stored = await h.LoadAsync(incident.Number);
        Assert.Equal(IncidentStatus.Escalated, stored.Status);
        Assert.Equal(HandlingTier.Community, stored.OwnerTier);
        var escalation = Assert.Single(stored.Timeline, t => t.Action == IncidentAction.Escalate);
        Assert.Equal("system:sla-watch", escalation.ActorId);
        Assert.Contains("Dispatch limit of 2 WorkingHours ran out at 2026-11-23 11:00", escalation.Reason, StringComparison.Ordinal);
        Assert.Single(await h.ChangesAsync("incident.escalate"));
        // The community gets a fresh dispatch clock, so the light is green again and the wall is told.
        Assert.Equal(["green", "yellow", "red", "green"], await LightsAsync(h));
    }

    [Fact]
    public async Task Running_again_with_nothing_changed_writes_nothing()
    {
        var h = await CreateAsync(TestAssets.Local(2026, 11, 23, 9));
        await h.NewIncidentAsync(i => h.Workflow.Register(i, Dispatcher));
        var watch = h.SlaWatch();
        h.SetLocal(2026, 11, 23, 11, 5);

        var first = await watch.RunAsync(default);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await watch.RunAsync(default);

        Assert.Equal(1, first.LightsChanged);
        Assert.Equal(0, second.LightsChanged);
        Assert.Single(await h.ChangesAsync(SlaWatch.ChangeKind));
    }

    [Fact]
    public async Task A_four_working_hour_limit_from_friday_1600_before_a_holiday_monday_is_due_tuesday_1100()
    {
        // 2026-04-03 Fri; 04-04..04-06 清明 holiday (Sat, Sun, Mon): 1.5 h on Friday, 2.5 h on Tuesday.
        var h = await CreateAsync(TestAssets.Local(2026, 4, 3, 15, 50));
        var incident = await h.NewIncidentAsync(i => h.Workflow.Register(i, Dispatcher));
        h.SetLocal(2026, 4, 3, 16, 0);
        await h.ChangeAsync(incident.Number, i => h.Workflow.Dispatch(i, Dispatcher, "CGZF"));
        var watch = h.SlaWatch();

        var handle = (await h.LoadAsync(incident.Number)).Clocks.Single(c => c.Stage == SlaStage.Handle && !c.IsCompleted);
        Assert.Equal(TestAssets.Local(2026, 4, 7, 11, 0), handle.DueUtc);

        h.SetLocal(2026, 4, 6, 20, 0); // holiday evening: nothing has run down since Friday 17:30
        await watch.RunAsync(default);
        h.SetLocal(2026, 4, 7, 10, 20); // 40 working minutes left of the 4-hour handle clock (48 min is 20 %)
        await watch.RunAsync(default);
        h.SetLocal(2026, 4, 7, 11, 1);
        var result = await watch.RunAsync(default);

        Assert.Equal(["green", "yellow", "red"], await LightsAsync(h));
        Assert.Empty(result.Escalated);
    }

    [Fact]
    public async Task A_make_up_saturday_counts_as_a_working_day()
    {
        // 2026-10-10 is a Saturday worked in exchange for the National Day holiday (调休上班).
        var h = await CreateAsync(TestAssets.Local(2026, 10, 9, 15, 55));
        var incident = await h.NewIncidentAsync(i => h.Workflow.Register(i, Dispatcher));
        h.SetLocal(2026, 10, 9, 16, 0);
        await h.ChangeAsync(incident.Number, i => h.Workflow.Dispatch(i, Dispatcher, "CGZF"));
        var watch = h.SlaWatch();

        var handle = (await h.LoadAsync(incident.Number)).Clocks.Single(c => c.Stage == SlaStage.Handle && !c.IsCompleted);
        Assert.Equal(TestAssets.Local(2026, 10, 10, 11, 0), handle.DueUtc);

        h.SetLocal(2026, 10, 10, 11, 30);
        await watch.RunAsync(default);
        Assert.Equal("red", (await LightsAsync(h))[^1]);

        // Escalated once overdue by 2 working hours: 11:00-12:00 plus 14:00-15:00 on the make-up Saturday.
        h.SetLocal(2026, 10, 10, 14, 55);
        Assert.Empty((await watch.RunAsync(default)).Escalated);
        h.SetLocal(2026, 10, 10, 15, 5);
        Assert.Equal([incident.Number], (await watch.RunAsync(default)).Escalated);
    }

    [Fact]
    public async Task A_weekend_does_not_run_a_working_time_clock_down()
    {
        // Registered Friday 16:45: 45 minutes on Friday, the remaining 75 on Monday, due Monday 09:45.
        var h = await CreateAsync(TestAssets.Local(2026, 11, 27, 16, 45));
        var incident = await h.NewIncidentAsync(i => h.Workflow.Register(i, Dispatcher));
        var watch = h.SlaWatch();

        h.SetLocal(2026, 11, 29, 23, 0); // Sunday night
        await watch.RunAsync(default);
        h.SetLocal(2026, 11, 30, 9, 30); // Monday, 15 minutes left
        await watch.RunAsync(default);

        Assert.Equal(TestAssets.Local(2026, 11, 30, 9, 45), (await h.LoadAsync(incident.Number)).DueUtc);
        Assert.Equal(["green", "yellow"], await LightsAsync(h));
    }

    [Fact]
    public async Task After_downtime_one_catch_up_run_escalates_once_and_later_runs_do_not_escalate_again()
    {
        var h = await CreateAsync(TestAssets.Local(2026, 11, 23, 9));
        var incident = await h.NewIncidentAsync(i => h.Workflow.Register(i, Dispatcher));
        var watch = h.SlaWatch();
        await watch.RunAsync(default);

        // The node was down from Monday 09:01 to Wednesday 10:00: the missed minutes are not replayed one by one.
        h.SetLocal(2026, 11, 25, 10, 0);
        var catchUp = await watch.RunAsync(default);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var next = await watch.RunAsync(default);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await watch.RunAsync(default);

        Assert.Equal([incident.Number], catchUp.Escalated);
        Assert.Empty(next.Escalated);
        var stored = await h.LoadAsync(incident.Number);
        Assert.Single(stored.Timeline, t => t.Action == IncidentAction.Escalate);
        Assert.Equal(HandlingTier.Community, stored.OwnerTier);
        // It went green -> (escalated, fresh clock) green: no yellow or red flash for the missed time.
        Assert.Equal(["green"], await LightsAsync(h));
    }

    [Fact]
    public async Task A_case_already_in_joint_triage_at_the_district_stays_red_and_is_not_escalated_further()
    {
        // 上水井盖 CP-01-01 is a street item: street -> district -> joint triage (联合研判) is the top of the ladder.
        var h = await CreateAsync(TestAssets.Local(2026, 11, 23, 9));
        var incident = await h.NewIncidentAsync(i =>
        {
            h.Workflow.Register(i, Dispatcher);
            h.Workflow.Escalate(i, Dispatcher, "needs the district");
            h.Workflow.Escalate(i, Dispatcher, "the district cannot settle it alone");
        }, itemCode: "CP-01-01");
        var watch = h.SlaWatch(escalateAfter: 0);

        h.SetLocal(2026, 11, 24, 9, 0);
        var first = await watch.RunAsync(default);
        h.SetLocal(2026, 11, 25, 9, 0);
        var second = await watch.RunAsync(default);

        Assert.Empty(first.Escalated);
        Assert.Empty(second.Escalated);
        Assert.True((await h.LoadAsync(incident.Number)).NeedsJointTriage);
        Assert.Equal(["red"], await LightsAsync(h));
    }

    private static async Task<List<string>> LightsAsync(JobsHarness h) =>
        [.. (await h.ChangesAsync(SlaWatch.ChangeKind)).Select(c => JsonDocument.Parse(c.Payload).RootElement.GetProperty("light").GetString()!)];
}
