using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Incidents.IncidentBuilder;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Incidents;

public class IncidentLifecycleTests
{
    [Fact]
    public void The_full_loop_leaves_a_timeline_of_who_did_what_and_why()
    {
        var incident = InStatus(IncidentStatus.Closed);

        Assert.Equal(
            [IncidentAction.Report, IncidentAction.Register, IncidentAction.Dispatch, IncidentAction.Accept, IncidentAction.Handle, IncidentAction.Verify, IncidentAction.Close],
            incident.Timeline.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, 7), incident.Timeline.Select(e => e.Sequence));
        Assert.Null(incident.Timeline[0].FromStatus);
        Assert.Equal("system", incident.Timeline[0].ActorRole);
        var dispatch = incident.Timeline[2];
        Assert.Equal((Dispatcher.Id, Dispatcher.Name, IncidentStatus.Registered, IncidentStatus.Dispatched), (dispatch.ActorId, dispatch.ActorName, dispatch.FromStatus, dispatch.ToStatus));
        using var detail = JsonDocument.Parse(dispatch.DetailJson!);
        Assert.Equal("CGZF", detail.RootElement.GetProperty("department").GetString());
        Assert.Equal(incident.Timeline[^1].AtUtc, incident.UpdatedUtc);
    }

    [Fact]
    public void A_second_return_sends_the_case_to_joint_triage()
    {
        var incident = InStatus(IncidentStatus.Returned);
        Assert.Equal(1, incident.ReturnCount);
        Assert.False(incident.NeedsJointTriage);
        Assert.Null(incident.AssignedDepartmentCode);

        incident.Dispatch(Dispatcher, T0.AddHours(1), "SW", HandlingTier.Street);
        incident.Return(Liaison, T0.AddHours(2), "not ours either");

        Assert.Equal(2, incident.ReturnCount);
        Assert.True(incident.NeedsJointTriage);
        Assert.Equal("not ours either", incident.Timeline[^1].Reason);
    }

    [Fact]
    public void A_return_needs_a_reason()
    {
        var incident = InStatus(IncidentStatus.Dispatched);

        Assert.Throws<ArgumentException>(() => incident.Return(Liaison, T0.AddHours(1), " "));
        Assert.Equal(IncidentStatus.Dispatched, incident.Status);
    }

    [Fact]
    public void Escalation_climbs_one_tier_at_a_time_and_ends_in_joint_triage()
    {
        var incident = InStatus(IncidentStatus.Registered);
        Assert.Equal(HandlingTier.Grid, incident.OwnerTier);

        var at = T0.AddHours(1);
        foreach (var expected in new[] { HandlingTier.Community, HandlingTier.Street, HandlingTier.District })
        {
            incident.Escalate(Dispatcher, at = at.AddMinutes(1), "needs more authority");
            Assert.Equal(expected, incident.OwnerTier);
            Assert.False(incident.NeedsJointTriage);
        }

        incident.Escalate(Dispatcher, at.AddMinutes(1), "departments disagree");
        Assert.True(incident.NeedsJointTriage);

        var error = Assert.Throws<IncidentTransitionException>(() => incident.Escalate(Dispatcher, at.AddMinutes(2), "again"));
        Assert.Contains("already in joint triage", error.Message);

        incident.Dispatch(Dispatcher, at.AddMinutes(3), "ZJ", HandlingTier.District, "joint triage decided");
        Assert.False(incident.NeedsJointTriage);
    }

    [Fact]
    public void Merging_moves_the_duplicates_reports_to_the_master_with_their_provenance()
    {
        var master = InStatus(IncidentStatus.Dispatched);
        var duplicate = NewIncident();

        duplicate.MergeInto(master, Dispatcher, T0.AddHours(1), "same pile, second camera");

        Assert.Equal(IncidentStatus.Merged, duplicate.Status);
        Assert.Equal(master.Number, duplicate.MergedIntoNumber);
        Assert.Empty(duplicate.Reports);
        Assert.Equal(2, master.Reports.Count);
        Assert.Equal(duplicate.Number, master.Reports[1].MergedFromNumber);
        Assert.Null(master.Reports[0].MergedFromNumber);
        Assert.Equal(IncidentStatus.Dispatched, master.Status);
        Assert.Equal(IncidentAction.AbsorbDuplicate, master.Timeline[^1].Action);
        Assert.Single(master.DomainEvents);
    }

    [Fact]
    public void A_case_cannot_merge_into_a_closed_master_or_itself()
    {
        var closed = InStatus(IncidentStatus.Closed);
        var duplicate = NewIncident();

        Assert.Throws<IncidentTransitionException>(() => duplicate.MergeInto(closed, Dispatcher, T0.AddHours(1), "dup"));
        Assert.Throws<IncidentTransitionException>(() => duplicate.MergeInto(duplicate, Dispatcher, T0.AddHours(1), "dup"));
        Assert.Equal(IncidentStatus.Reported, duplicate.Status);
        Assert.Single(duplicate.Reports);
    }

    [Fact]
    public void Reopening_a_closed_case_registers_it_again_for_a_new_dispatch()
    {
        var incident = InStatus(IncidentStatus.Closed);

        incident.Reopen(Dispatcher, T0.AddDays(1), "回访不满意");

        Assert.Equal(IncidentStatus.Registered, incident.Status);
        Assert.Equal(1, incident.ReopenCount);
        Assert.Null(incident.AssignedDepartmentCode);
        Assert.True(incident.IsOpen);
    }

    [Fact]
    public void A_source_update_revises_its_report_in_place_and_says_so_on_the_timeline()
    {
        var incident = NewIncident();
        incident.AttachReport(new IncidentReport(IncidentSource.Hotline12345, "GD-002", T0.AddMinutes(3), "已派单", "{\"state\":\"Open\"}"), Actor.System("ingest"), T0.AddMinutes(3));

        incident.UpdateReport(IncidentSource.Hotline12345, "GD-002", "已办结", "{\"state\":\"Closed\"}", Actor.System("ingest"), T0.AddMinutes(9), "orderState 已派单 → 已办结");

        var report = Assert.Single(incident.Reports, r => r.ExternalId == "GD-002");
        Assert.Equal("已办结", report.Summary);
        Assert.Contains("Closed", report.PayloadJson, StringComparison.Ordinal);
        Assert.Equal(IncidentAction.UpdateReport, incident.Timeline[^1].Action);
        Assert.Equal(IncidentStatus.Reported, incident.Status);
        Assert.Throws<InvalidOperationException>(() => incident.UpdateReport(IncidentSource.Hotline12345, "GD-404", null, null, Actor.System("ingest"), T0.AddMinutes(10), "unknown"));
    }

    [Fact]
    public void A_redelivered_report_is_not_attached_twice()
    {
        var incident = NewIncident();
        var report = new IncidentReport(IncidentSource.Hotline12345, "GD-001", T0.AddMinutes(3));
        incident.AttachReport(report, Actor.System("ingest"), T0.AddMinutes(3));

        Assert.Throws<InvalidOperationException>(() => incident.AttachReport(new IncidentReport(IncidentSource.Hotline12345, "GD-001", T0.AddMinutes(4)), Actor.System("ingest"), T0.AddMinutes(4)));
        Assert.Equal(2, incident.Reports.Count);
    }

    [Fact]
    public void Nothing_can_happen_to_a_case_before_it_was_reported()
    {
        var incident = NewIncident();

        Assert.Throws<ArgumentOutOfRangeException>(() => incident.Register(Dispatcher, T0.AddMinutes(-1)));
    }

    [Fact]
    public void The_workflow_starts_stage_clocks_from_the_catalog_and_pausing_moves_the_due_time()
    {
        var time = new FakeTimeProvider(Local(2026, 11, 23, 10));
        var workflow = new IncidentWorkflow(TheCatalog, Calendar, new DispatchRules(TheCatalog), time);
        var incident = NewIncident("EV-01-01"); // 私搭乱建: handle within 7 working days

        workflow.Register(incident, Dispatcher);
        Assert.Equal(Local(2026, 11, 23, 12), incident.DueUtc); // dispatch within 2 working hours

        time.Advance(TimeSpan.FromHours(1));
        workflow.Dispatch(incident, Dispatcher);
        Assert.Equal("CGZF", incident.AssignedDepartmentCode);
        Assert.Equal(HandlingTier.Street, incident.OwnerTier);
        Assert.True(incident.ClockFor(SlaStage.Dispatch) is null);
        var handle = incident.ClockFor(SlaStage.Handle)!;
        Assert.Equal(Local(2026, 12, 2, 11), handle.DueUtc);

        incident.Pause(Liaison, Local(2026, 11, 24, 11), "waiting for demolition permit");
        Assert.True(incident.IsPaused);
        Assert.Null(incident.DueUtc);
        incident.Resume(Liaison, Local(2026, 11, 25, 11), Calendar);

        Assert.Equal(Local(2026, 12, 3, 11), handle.DueUtc); // one working day later than before
        // The accept clock was already overdue (Mon 17:00) when paused, so the pause does not move it.
        Assert.Equal(Local(2026, 11, 23, 17), incident.ClockFor(SlaStage.Accept)!.DueUtc);
    }

    [Fact]
    public void An_extension_moves_the_handle_due_time_and_is_recorded()
    {
        var time = new FakeTimeProvider(Local(2026, 11, 23, 10));
        var workflow = new IncidentWorkflow(TheCatalog, Calendar, new DispatchRules(TheCatalog), time);
        var incident = NewIncident("EV-01-01");
        workflow.Register(incident, Dispatcher);
        workflow.Dispatch(incident, Dispatcher);

        incident.Extend(Liaison, Local(2026, 11, 24, 9), SlaStage.Handle, SlaSpec.WorkingDays(3), Calendar, "延期: owner abroad");

        Assert.Equal(Local(2026, 12, 7, 10), incident.ClockFor(SlaStage.Handle)!.DueUtc);
        Assert.Equal(IncidentAction.Extend, incident.Timeline[^1].Action);
    }

    [Fact]
    public void The_workflow_sends_a_disputed_item_straight_to_joint_triage()
    {
        var time = new FakeTimeProvider(Local(2026, 11, 23, 10));
        var workflow = new IncidentWorkflow(TheCatalog, Calendar, new DispatchRules(TheCatalog), time);
        var incident = NewIncident("CP-01-13"); // 无主井盖: four candidate departments
        workflow.Register(incident, Dispatcher);

        var decision = workflow.Dispatch(incident, Dispatcher);

        Assert.True(decision.NeedsJointTriage);
        Assert.Equal(IncidentStatus.Escalated, incident.Status);
        Assert.True(incident.NeedsJointTriage);
        Assert.Equal(HandlingTier.District, incident.OwnerTier);
    }

    [Fact]
    public async Task Case_numbers_use_the_local_day_and_a_daily_sequence()
    {
        // 16:30 UTC on the 22nd is already 00:30 on the 23rd in Foshan.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 16, 30, 0, TimeSpan.Zero));
        var generator = new IncidentNumberGenerator(time, new InMemoryIncidentSequence(), Calendar.TimeZone);

        Assert.Equal("SJ202611230001", await generator.NextAsync(CancellationToken.None));
        Assert.Equal("SJ202611230002", await generator.NextAsync(CancellationToken.None));
        Assert.True(IncidentNumbers.IsValid("SJ202611230002"));
        Assert.False(IncidentNumbers.IsValid("SJ20261323000X"));
    }

    [Fact]
    public void A_returned_case_runs_a_fresh_dispatch_clock_and_a_failed_check_a_fresh_handle_clock()
    {
        var time = new FakeTimeProvider(Local(2026, 11, 23, 10));
        var workflow = new IncidentWorkflow(TheCatalog, Calendar, new DispatchRules(TheCatalog), time);
        var incident = NewIncident("EV-01-01");
        workflow.Register(incident, Dispatcher);
        workflow.Dispatch(incident, Dispatcher);

        time.SetUtcNow(Local(2026, 11, 23, 15));
        workflow.Return(incident, Liaison, "demolition is the street's job");
        Assert.Null(incident.ClockFor(SlaStage.Handle));
        Assert.Equal(Local(2026, 11, 23, 17), incident.ClockFor(SlaStage.Dispatch)!.DueUtc);

        workflow.Dispatch(incident, Dispatcher, departmentOverride: "CMD-440604010");
        workflow.Accept(incident, Liaison);
        workflow.Handle(incident, Liaison);
        time.SetUtcNow(Local(2026, 11, 24, 10));
        workflow.FailVerification(incident, Worker, "structure still standing");

        Assert.Equal(IncidentStatus.Accepted, incident.Status);
        Assert.Equal(Local(2026, 12, 3, 10), incident.ClockFor(SlaStage.Handle)!.DueUtc);
    }

    [Fact]
    public void A_pause_ends_when_the_department_reports_the_case_handled()
    {
        var incident = InStatus(IncidentStatus.Accepted);
        incident.Pause(Liaison, T0.AddHours(1), "waiting for the owner");

        incident.Handle(Liaison, T0.AddHours(2));

        Assert.False(incident.IsPaused);
    }

    [Fact]
    public void Pause_and_extension_belong_to_the_handling_department_only()
    {
        var incident = InStatus(IncidentStatus.Registered);

        var error = Assert.Throws<IncidentTransitionException>(() => incident.Pause(Liaison, T0.AddHours(1), "rain"));

        Assert.Contains("it must be Dispatched or Accepted first", error.Message);
    }

    [Fact]
    public void The_owner_scope_follows_the_owner_tier()
    {
        var incident = InStatus(IncidentStatus.Registered);
        Assert.Equal(Lanshi.GridCode, incident.OwnerScopeCode);

        incident.Escalate(Dispatcher, T0.AddHours(1), "bigger");
        Assert.Equal(Lanshi.CommunityCode, incident.OwnerScopeCode);
    }

    [Fact]
    public void The_traffic_light_turns_yellow_then_red_as_the_dispatch_limit_runs_out()
    {
        var time = new FakeTimeProvider(Local(2026, 11, 23, 10));
        var workflow = new IncidentWorkflow(TheCatalog, Calendar, new DispatchRules(TheCatalog), time);
        var incident = NewIncident("EV-01-01");
        Assert.Equal(SlaLight.None, incident.Light(time.GetUtcNow(), Calendar));

        workflow.Register(incident, Dispatcher); // dispatch within 2 working hours: due 12:00

        Assert.Equal(SlaLight.Green, incident.Light(Local(2026, 11, 23, 11), Calendar));
        Assert.Equal(SlaLight.Yellow, incident.Light(Local(2026, 11, 23, 11, 40), Calendar));
        Assert.Equal(SlaLight.Red, incident.Light(Local(2026, 11, 23, 12, 1), Calendar));
    }

    private static Incident DispatchedWithClocks(FakeTimeProvider time)
    {
        var workflow = new IncidentWorkflow(TheCatalog, Calendar, new DispatchRules(TheCatalog), time);
        var incident = NewIncident("EV-01-01"); // handle within 7 working days
        workflow.Register(incident, Dispatcher);
        workflow.Dispatch(incident, Dispatcher);
        return incident;
    }

    [Fact]
    public void An_approved_extension_request_moves_the_due_time_and_a_denied_one_does_not()
    {
        var time = new FakeTimeProvider(Local(2026, 11, 23, 10));
        var approved = DispatchedWithClocks(time);
        var denied = DispatchedWithClocks(time);
        foreach (var incident in new[] { approved, denied })
        {
            incident.RequestExtension(Liaison, Local(2026, 11, 24, 9), SlaStage.Handle, SlaSpec.WorkingDays(3), "owner abroad");
            Assert.Equal(SlaStage.Handle, incident.PendingExtension!.Stage);
            Assert.Equal(Local(2026, 12, 2, 10), incident.ClockFor(SlaStage.Handle)!.DueUtc);
        }

        approved.ApproveExtension(Dispatcher, Local(2026, 11, 24, 10), Calendar);
        denied.DenyExtension(Dispatcher, Local(2026, 11, 24, 10), "demolition is urgent");

        Assert.Equal(Local(2026, 12, 7, 10), approved.ClockFor(SlaStage.Handle)!.DueUtc);
        Assert.Equal(Local(2026, 12, 2, 10), denied.ClockFor(SlaStage.Handle)!.DueUtc);
        Assert.Null(approved.PendingExtension);
        Assert.Null(denied.PendingExtension);
        Assert.Equal([IncidentAction.RequestExtension, IncidentAction.ApproveExtension], approved.Timeline.TakeLast(2).Select(e => e.Action));
    }

    [Fact]
    public void A_second_extension_request_waits_for_the_first_to_be_decided()
    {
        var incident = DispatchedWithClocks(new FakeTimeProvider(Local(2026, 11, 23, 10)));
        incident.RequestExtension(Liaison, Local(2026, 11, 24, 9), SlaStage.Handle, SlaSpec.WorkingDays(3), "owner abroad");

        var error = Assert.Throws<IncidentTransitionException>(() =>
            incident.RequestExtension(Liaison, Local(2026, 11, 24, 9, 5), SlaStage.Handle, SlaSpec.WorkingDays(5), "more"));

        Assert.Contains("still waiting for a decision", error.Message);
    }

    [Fact]
    public void A_returned_case_drops_its_pending_extension_request()
    {
        var incident = DispatchedWithClocks(new FakeTimeProvider(Local(2026, 11, 23, 10)));
        incident.RequestExtension(Liaison, Local(2026, 11, 24, 9), SlaStage.Handle, SlaSpec.WorkingDays(3), "owner abroad");

        incident.Return(Liaison, Local(2026, 11, 24, 10), "not ours after all");

        Assert.Null(incident.PendingExtension);
    }
}
