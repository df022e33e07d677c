using Dashboard.Core.Catalog;
using Dashboard.Core.Sla;

namespace Dashboard.Core.Incidents;

/// <summary>
/// Runs a case's transitions with the current time and starts the stage clocks the catalog prescribes, so callers
/// (ingest, the triage UI, jobs) do not repeat that bookkeeping. The aggregate still guards every transition.
/// </summary>
public sealed class IncidentWorkflow(InspectionCatalog catalog, WorkingCalendar calendar, DispatchRules dispatchRules, TimeProvider timeProvider)
{
    public WorkingCalendar Calendar => calendar;

    /// <summary>立案 and start the dispatch clock.</summary>
    public void Register(Incident incident, Actor actor, string? reason = null)
    {
        var now = timeProvider.GetUtcNow();
        incident.Register(actor, now, reason);
        StartIfLimited(incident, SlaStage.Dispatch, now);
    }

    /// <summary>
    /// 派遣 by the rules (or the dispatcher's choice). When the rules cannot name one department the case is
    /// escalated into joint triage instead, and the decision says so.
    /// </summary>
    /// <remarks>
    /// <paramref name="handleDeadlineUtc"/> is the dispatcher's own deadline for the handling (派遣时限): it may be
    /// earlier than the catalog's limit, never later.
    /// </remarks>
    public DispatchDecision Dispatch(Incident incident, Actor actor, string? departmentOverride = null, string? reason = null, DateTimeOffset? handleDeadlineUtc = null)
    {
        var item = catalog.GetItem(incident.ItemCode);
        var place = new DispatchPlace(incident.Location.StreetCode, incident.Location.CommunityCode, incident.Location.GridCode, incident.Location.IsOutsideDistrict);
        var decision = dispatchRules.Decide(item, place, departmentOverride);
        var now = timeProvider.GetUtcNow();
        if (decision.DepartmentCode is null)
        {
            incident.Escalate(actor, now, decision.Reason, straightToJointTriage: true);
            StartIfLimited(incident, SlaStage.Dispatch, now);

            return decision;
        }

        if (handleDeadlineUtc is { } deadline)
        {
            CheckDeadline(incident, deadline, now);
        }

        incident.Dispatch(actor, now, decision.DepartmentCode, decision.Tier, reason ?? decision.Reason, handleDeadlineUtc);
        StartIfLimited(incident, SlaStage.Accept, now);
        StartIfLimited(incident, SlaStage.Handle, now);
        if (handleDeadlineUtc is { } chosen)
        {
            if (incident.ClockFor(SlaStage.Handle) is null)
            {
                // No handling limit in the catalog: the dispatcher's deadline is the only one.
                incident.StartClock(SlaStage.Handle, SlaSpec.Minutes((int)Math.Ceiling((chosen - now).TotalMinutes)), now, calendar);
            }

            incident.TightenClock(SlaStage.Handle, chosen, calendar);
        }

        return decision;
    }

    /// <summary>The latest handling deadline the rules allow for a dispatch now; null when the item sets no limit.</summary>
    public DateTimeOffset? LatestHandleDeadline(Incident incident) =>
        catalog.TryGetItem(incident.ItemCode, out var item) && item!.SlaFor(SlaStage.Handle) is { } limit
            ? calendar.AddWorkingTime(timeProvider.GetUtcNow(), limit)
            : null;

    /// <summary>驳回 a return (back to its department, fresh accept and handle clocks) or an escalation (back to dispatch).</summary>
    public void SendBack(Incident incident, Actor actor, string reason)
    {
        var now = timeProvider.GetUtcNow();
        incident.SendBack(actor, now, reason);
        if (incident.Status == IncidentStatus.Dispatched)
        {
            StartIfLimited(incident, SlaStage.Accept, now);
            StartIfLimited(incident, SlaStage.Handle, now);
        }
        else
        {
            StartIfLimited(incident, SlaStage.Dispatch, now);
        }
    }

    /// <summary>回访; an unsatisfied citizen reopens the case, on a fresh dispatch clock.</summary>
    public void RecordCallback(Incident incident, Actor actor, bool satisfied, string note)
    {
        var now = timeProvider.GetUtcNow();
        incident.RecordCallback(actor, now, satisfied, note);
        if (!satisfied)
        {
            StartIfLimited(incident, SlaStage.Dispatch, now);
        }
    }

    /// <summary>
    /// 派遣 as a joint-triage ruling settled it: to the ruled department at the ruled tier, with the handle clock
    /// running to the ruled deadline (natural time) instead of the catalog's limit when one was set.
    /// </summary>
    public void DispatchAsRuled(Incident incident, Actor actor, string departmentCode, HandlingTier tier, DateTimeOffset? dueUtc, string reason)
    {
        var now = timeProvider.GetUtcNow();
        if (dueUtc is { } due && due <= now)
        {
            throw new ArgumentException($"deadline: {due:u} has already passed; a ruling's deadline lies in the future.", nameof(dueUtc));
        }

        incident.Dispatch(actor, now, departmentCode, tier, reason);
        StartIfLimited(incident, SlaStage.Accept, now);
        if (dueUtc is { } deadline)
        {
            incident.StartClock(SlaStage.Handle, SlaSpec.Minutes(Math.Max(1, (int)Math.Ceiling((deadline - now).TotalMinutes))), now, calendar);
        }
        else
        {
            StartIfLimited(incident, SlaStage.Handle, now);
        }
    }

    public void Accept(Incident incident, Actor actor, string? reason = null) =>
        incident.Accept(actor, timeProvider.GetUtcNow(), reason);

    /// <summary>处置, and start the verification clock.</summary>
    public void Handle(Incident incident, Actor actor, string? reason = null, string? photos = null)
    {
        var now = timeProvider.GetUtcNow();
        incident.Handle(actor, now, reason, photos);
        StartIfLimited(incident, SlaStage.Verify, now);
    }

    /// <summary>核查, and start the closing clock.</summary>
    public void Verify(Incident incident, Actor actor, string? reason = null)
    {
        var now = timeProvider.GetUtcNow();
        incident.Verify(actor, now, reason);
        StartIfLimited(incident, SlaStage.Close, now);
    }

    public void Close(Incident incident, Actor actor, string? reason = null) =>
        incident.Close(actor, timeProvider.GetUtcNow(), reason);

    /// <summary>核查不通过: back to the department with a fresh handle clock.</summary>
    public void FailVerification(Incident incident, Actor actor, string reason)
    {
        var now = timeProvider.GetUtcNow();
        incident.FailVerification(actor, now, reason);
        StartIfLimited(incident, SlaStage.Handle, now);
    }

    /// <summary>退回: the dispatcher must dispatch again, on a fresh dispatch clock.</summary>
    public void Return(Incident incident, Actor actor, string reason)
    {
        var now = timeProvider.GetUtcNow();
        incident.Return(actor, now, reason);
        StartIfLimited(incident, SlaStage.Dispatch, now);
    }

    /// <summary>上报: the higher tier must dispatch, on a fresh dispatch clock.</summary>
    public void Escalate(Incident incident, Actor actor, string reason)
    {
        var now = timeProvider.GetUtcNow();
        incident.Escalate(actor, now, reason);
        StartIfLimited(incident, SlaStage.Dispatch, now);
    }

    /// <summary>重新立案 after an unsatisfied callback: dispatched again, on a fresh dispatch clock.</summary>
    public void Reopen(Incident incident, Actor actor, string reason)
    {
        var now = timeProvider.GetUtcNow();
        incident.Reopen(actor, now, reason);
        StartIfLimited(incident, SlaStage.Dispatch, now);
    }

    private void CheckDeadline(Incident incident, DateTimeOffset deadline, DateTimeOffset now)
    {
        if (deadline <= now)
        {
            throw new ArgumentException($"deadline: {deadline:u} has already passed; choose a time after now.", nameof(deadline));
        }

        if (LatestHandleDeadline(incident) is { } latest && deadline > latest)
        {
            throw new ArgumentException($"deadline: {deadline:u} is later than the rules allow for item {incident.ItemCode} ({latest:u}).", nameof(deadline));
        }
    }

    private void StartIfLimited(Incident incident, SlaStage stage, DateTimeOffset now)
    {
        if (catalog.TryGetItem(incident.ItemCode, out var item) && item!.SlaFor(stage) is { } limit)
        {
            incident.StartClock(stage, limit, now, calendar);
        }
    }
}
