using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Incidents.IncidentBuilder;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Incidents;

/// <summary>The closed loop around a handled case: callback, pause requests, send-backs, whistles and deadlines.</summary>
public sealed class ClosedLoopTests
{
    private readonly FakeTimeProvider time = new(Local(2026, 11, 23, 10));

    private IncidentWorkflow Workflow => new(TheCatalog, Calendar, new DispatchRules(TheCatalog), time);

    [Fact]
    public void A_citizens_case_cannot_close_until_the_citizen_is_called_back_satisfied()
    {
        var incident = VerifiedCitizenCase();

        var refused = Assert.Throws<IncidentTransitionException>(() => Workflow.Close(incident, Dispatcher));
        Assert.Contains("callback", refused.Message, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Verified, incident.Status);

        Workflow.RecordCallback(incident, Dispatcher, satisfied: true, "市民表示井盖已装好，满意");
        Workflow.Close(incident, Dispatcher);

        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal([IncidentAction.RecordCallback, IncidentAction.Close], incident.Timeline.TakeLast(2).Select(t => t.Action));
    }

    [Fact]
    public void An_unsatisfied_callback_reopens_the_case_for_a_new_dispatch_on_a_fresh_clock()
    {
        var incident = VerifiedCitizenCase();
        time.Advance(TimeSpan.FromMinutes(30));

        Workflow.RecordCallback(incident, Dispatcher, satisfied: false, "井盖仍然松动");

        Assert.Equal(IncidentStatus.Registered, incident.Status);
        Assert.Null(incident.AssignedDepartmentCode);
        Assert.Null(incident.LastCallback);
        Assert.Equal(1, incident.ReopenCount);
        Assert.NotNull(incident.ClockFor(SlaStage.Dispatch));
        Assert.Equal([IncidentAction.RecordCallback, IncidentAction.Reopen], incident.Timeline.TakeLast(2).Select(t => t.Action));
        Assert.Contains("井盖仍然松动", incident.Timeline[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_no_citizen_reported_needs_no_callback_and_refuses_one()
    {
        var incident = InStatus(IncidentStatus.Verified); // a camera's case

        Assert.Throws<IncidentTransitionException>(() => incident.RecordCallback(Dispatcher, incident.UpdatedUtc.AddMinutes(1), true, "ok"));
        incident.Close(Dispatcher, incident.UpdatedUtc.AddMinutes(1));
        Assert.Equal(IncidentStatus.Closed, incident.Status);
    }

    [Fact]
    public void An_approved_pause_stops_the_clocks_and_a_denied_one_leaves_them_running()
    {
        var approved = Dispatched();
        var denied = Dispatched();
        foreach (var incident in new[] { approved, denied })
        {
            incident.RequestPause(Liaison, Local(2026, 11, 24, 9), "等待占道许可");
            Assert.NotNull(incident.PendingPause);
            Assert.False(incident.IsPaused);
        }

        approved.ApprovePause(Dispatcher, Local(2026, 11, 24, 10), "同意挂起");
        denied.DenyPause(Dispatcher, Local(2026, 11, 24, 10), "许可已办好，请继续");

        Assert.True(approved.IsPaused);
        Assert.Null(approved.DueUtc);
        Assert.False(denied.IsPaused);
        Assert.NotNull(denied.DueUtc);
        Assert.Null(approved.PendingPause);
        Assert.Null(denied.PendingPause);
        Assert.Equal([IncidentAction.RequestPause, IncidentAction.ApprovePause, IncidentAction.Pause], approved.Timeline.TakeLast(3).Select(t => t.Action));
        Assert.Throws<IncidentTransitionException>(() => approved.RequestPause(Liaison, Local(2026, 11, 24, 11), "again"));
    }

    [Fact]
    public void A_return_sent_back_goes_to_the_department_that_returned_it_with_fresh_clocks()
    {
        var incident = Dispatched();
        time.Advance(TimeSpan.FromHours(1));
        Workflow.Return(incident, Liaison, "不归我们管");
        time.Advance(TimeSpan.FromHours(1));

        Workflow.SendBack(incident, Dispatcher, "占道属于城管职责，请继续办理");

        Assert.Equal(IncidentStatus.Dispatched, incident.Status);
        Assert.Equal("CGZF", incident.AssignedDepartmentCode);
        Assert.Equal(time.GetUtcNow(), incident.ClockFor(SlaStage.Handle)!.StartedUtc);
        Assert.Equal("占道属于城管职责，请继续办理", incident.Timeline[^1].Reason);
    }

    [Fact]
    public void An_escalation_sent_back_returns_to_the_tier_it_came_from()
    {
        var incident = NewIncident("EV-01-01");
        Workflow.Register(incident, Dispatcher);
        var before = incident.OwnerTier;
        Workflow.Escalate(incident, Worker, "需要街道协调");
        Assert.NotEqual(before, incident.OwnerTier);

        Workflow.SendBack(incident, Dispatcher, "社区可以自行处理");

        Assert.Equal(IncidentStatus.Registered, incident.Status);
        Assert.Equal(before, incident.OwnerTier);
        Assert.NotNull(incident.ClockFor(SlaStage.Dispatch));
    }

    [Fact]
    public void Each_summoned_department_has_its_own_countdown_and_a_late_report_in_shows()
    {
        var incident = Dispatched();
        var at = time.GetUtcNow();
        incident.BlowWhistle(Dispatcher, at, [("CGZF", at.AddMinutes(30)), ("SW", at.AddMinutes(60))], "路面塌陷，需联合处置");

        incident.ReportIn(Liaison, at.AddMinutes(45), "CGZF", "两人 10 分钟到场");
        incident.ReportIn(Liaison, at.AddMinutes(50), "SW");

        var cgzf = incident.Summons.Single(s => s.DepartmentCode == "CGZF");
        var sw = incident.Summons.Single(s => s.DepartmentCode == "SW");
        Assert.True(cgzf.IsLate(at.AddHours(2)));
        Assert.False(sw.IsLate(at.AddHours(2)));
        Assert.Equal("两人 10 分钟到场", cgzf.Note);
        Assert.Empty(incident.WaitingSummons);
        Assert.Throws<IncidentTransitionException>(() => incident.ReportIn(Liaison, at.AddMinutes(55), "SW"));
        Assert.Equal([IncidentAction.BlowWhistle, IncidentAction.ReportIn, IncidentAction.ReportIn], incident.Timeline.TakeLast(3).Select(t => t.Action));
    }

    [Fact]
    public void A_department_still_waiting_is_not_summoned_twice()
    {
        var incident = Dispatched();
        var at = time.GetUtcNow();
        incident.BlowWhistle(Dispatcher, at, [("CGZF", at.AddMinutes(30))], "first");

        Assert.Throws<IncidentTransitionException>(() => incident.BlowWhistle(Dispatcher, at.AddMinutes(1), [("CGZF", at.AddMinutes(40))], "again"));
        Assert.Single(incident.Summons);
    }

    [Fact]
    public void A_dispatch_deadline_may_tighten_the_rules_limit_but_not_loosen_it()
    {
        var tight = NewIncident("EV-01-01"); // handle within 7 working days
        Workflow.Register(tight, Dispatcher);
        var deadline = Local(2026, 11, 25, 17);

        Workflow.Dispatch(tight, Dispatcher, handleDeadlineUtc: deadline);

        Assert.Equal(deadline, tight.ClockFor(SlaStage.Handle)!.DueUtc);
        Assert.Contains("deadline", tight.Timeline[^1].DetailJson, StringComparison.Ordinal);

        var loose = NewIncident("EV-01-01");
        Workflow.Register(loose, Dispatcher);
        var error = Assert.Throws<ArgumentException>(() => Workflow.Dispatch(loose, Dispatcher, handleDeadlineUtc: Local(2026, 12, 31, 17)));
        Assert.Contains("later than the rules allow", error.Message, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Registered, loose.Status);
    }

    private Incident Dispatched()
    {
        var incident = NewIncident("EV-01-01");
        Workflow.Register(incident, Dispatcher);
        Workflow.Dispatch(incident, Dispatcher);
        return incident;
    }

    private Incident VerifiedCitizenCase()
    {
        var number = IncidentNumbers.Format(new DateOnly(2026, 11, 23), 900 + Random.Shared.Next(99));
        var draft = IncidentDraft.FromCatalog(number, IncidentSource.Hotline12345, "12345-" + number, TheCatalog.GetItem("EV-01-01"), Lanshi, time.GetUtcNow());
        var incident = Incident.Report(draft, Actor.System("ingest"), time.GetUtcNow());
        Workflow.Register(incident, Dispatcher);
        Workflow.Dispatch(incident, Dispatcher);
        Workflow.Accept(incident, Liaison);
        Workflow.Handle(incident, Liaison, "已处理");
        Workflow.Verify(incident, Worker, "现场核实");
        return incident;
    }
}
