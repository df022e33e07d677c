using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Sla;

namespace Dashboard.Core.Incidents;

/// <summary>What is known when a case is first reported.</summary>
public sealed record IncidentDraft(
    string Number,
    IncidentSource Source,
    string ExternalId,
    string ItemCode,
    bool IsOnTheSpot,
    string Title,
    string? Description,
    int Severity,
    IncidentLocation Location,
    HandlingTier OwnerTier,
    DateTimeOffset OccurredUtc,
    string? PayloadJson = null)
{
    /// <summary>A draft with the catalog item's code, on-the-spot flag, default severity and tier.</summary>
    public static IncidentDraft FromCatalog(
        string number, IncidentSource source, string externalId, CatalogItem item, IncidentLocation location,
        DateTimeOffset occurredUtc, string? title = null, string? description = null, int? severity = null, string? payloadJson = null) =>
        new(number, source, externalId, item.Code, item.IsOnTheSpot, title ?? item.Name, description,
            severity ?? item.DefaultSeverity, location, item.Tier, occurredUtc, payloadJson);
}

/// <summary>
/// A case (案件/事件): one thing that happened in the city, whatever the source, with its lifecycle, owner, clocks,
/// the reports that joined it and an audit timeline. Every change goes through a method that checks
/// <see cref="IncidentTransitions"/>, appends a timeline entry and raises an <see cref="IncidentChanged"/>.
/// </summary>
public sealed class Incident
{
    /// <summary>Returned this many times, a case stops bouncing between departments and goes to joint triage.</summary>
    public const int ReturnsBeforeJointTriage = 2;

    private readonly List<IncidentReport> _reports = [];
    private readonly List<IncidentTimelineEntry> _timeline = [];
    private readonly List<SlaClock> _clocks = [];
    private readonly List<IncidentChanged> _domainEvents = [];
    private readonly List<WhistleSummons> _summons = [];

    private Incident()
    {
        Number = string.Empty;
        ExternalId = string.Empty;
        ItemCode = string.Empty;
        Title = string.Empty;
        Location = new IncidentLocation(0, 0);
    }

    public long Id { get; private set; }

    /// <summary>Public case number, e.g. SJ202611230001 (see <see cref="IncidentNumbers"/>).</summary>
    public string Number { get; private set; }

    /// <summary>The source of the first report.</summary>
    public IncidentSource Source { get; private set; }

    /// <summary>The source's id of the first report.</summary>
    public string ExternalId { get; private set; }

    public string ItemCode { get; private set; }

    /// <summary>Copied from the catalog item at report time, so later catalog edits do not change a running case.</summary>
    public bool IsOnTheSpot { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    /// <summary>1 (minor) .. 5 (critical).</summary>
    public int Severity { get; private set; }

    public IncidentStatus Status { get; private set; }

    public IncidentLocation Location { get; private set; }

    public HandlingTier OwnerTier { get; private set; }

    public string? AssignedDepartmentCode { get; private set; }

    /// <summary>
    /// The unit that owns the case at its tier (grid, community or street code, or the district code): the scope
    /// whose users see and act on it. Null when the place is not known at that tier.
    /// </summary>
    public string? OwnerScopeCode => OwnerTier switch
    {
        HandlingTier.Grid => Location.GridCode,
        HandlingTier.Community => Location.CommunityCode,
        HandlingTier.Street => Location.StreetCode,
        _ => Districts.Chancheng,
    };

    /// <summary>联合研判: several departments could own it, or it bounced, or the district escalated it.</summary>
    public bool NeedsJointTriage { get; private set; }

    public DateTimeOffset OccurredUtc { get; private set; }

    public DateTimeOffset ReportedUtc { get; private set; }

    public DateTimeOffset UpdatedUtc { get; private set; }

    /// <summary>The earliest due instant among running (not paused) clocks; null when none runs.</summary>
    public DateTimeOffset? DueUtc { get; private set; }

    public long? MergedIntoId { get; private set; }

    public string? MergedIntoNumber { get; private set; }

    public int ReturnCount { get; private set; }

    public int ReopenCount { get; private set; }

    public bool IsPaused { get; private set; }

    /// <summary>A department's 延期申请 waiting for the command center's decision; null when none.</summary>
    public ExtensionRequest? PendingExtension { get; private set; }

    /// <summary>A department's 挂起申请 waiting for the command center's decision; null when none.</summary>
    public PauseRequest? PendingPause { get; private set; }

    /// <summary>The latest 回访 since the case was last (re)opened; null when nobody called the citizen yet.</summary>
    public CitizenCallback? LastCallback { get; private set; }

    /// <summary>
    /// A citizen reported it (12345 hotline or Open311), so the citizen is called back (回访) before it closes.
    /// </summary>
    public bool NeedsCitizenCallback =>
        Source is IncidentSource.Open311 or IncidentSource.Hotline12345
        || _reports.Any(r => r.Source is IncidentSource.Open311 or IncidentSource.Hotline12345);

    public bool HasSatisfiedCallback => LastCallback is { Satisfied: true };

    /// <summary>Departments summoned by a whistle (吹哨), in the order they were summoned.</summary>
    public IReadOnlyList<WhistleSummons> Summons => _summons;

    /// <summary>Summoned departments that have not reported in yet.</summary>
    public IEnumerable<WhistleSummons> WaitingSummons => _summons.Where(s => !s.HasReportedIn);

    public IReadOnlyList<IncidentReport> Reports => _reports;

    public IReadOnlyList<IncidentTimelineEntry> Timeline => _timeline;

    public IReadOnlyList<SlaClock> Clocks => _clocks;

    /// <summary>Changes since the last <see cref="ClearDomainEvents"/>; not persisted.</summary>
    public IReadOnlyList<IncidentChanged> DomainEvents => _domainEvents;

    public bool IsOpen => Status is not (IncidentStatus.Closed or IncidentStatus.Merged or IncidentStatus.Rejected);

    public void ClearDomainEvents() => _domainEvents.Clear();

    /// <summary>The worst light among the open clocks: red if any is overdue, yellow if any is due soon.</summary>
    public SlaLight Light(DateTimeOffset nowUtc, WorkingCalendar calendar, double dueSoonFraction = SlaClock.DefaultDueSoonFraction)
    {
        var open = _clocks.Where(c => !c.IsCompleted).ToList();
        if (open.Count == 0)
        {
            return SlaLight.None;
        }

        if (open.Any(c => c.IsOverdue(nowUtc)))
        {
            return SlaLight.Red;
        }

        return open.Any(c => c.IsDueSoon(nowUtc, calendar, dueSoonFraction)) ? SlaLight.Yellow : SlaLight.Green;
    }

    /// <summary>The running (or paused) clock of <paramref name="stage"/>, or null.</summary>
    public SlaClock? ClockFor(SlaStage stage) => _clocks.LastOrDefault(c => c.Stage == stage && !c.IsCompleted);

    /// <summary>发现/上报: a new case from its first report.</summary>
    public static Incident Report(IncidentDraft draft, Actor actor, DateTimeOffset atUtc)
    {
        if (!IncidentNumbers.IsValid(draft.Number))
        {
            throw new ArgumentException($"'{draft.Number}' is not a case number like SJ202611230001.", nameof(draft));
        }

        if (string.IsNullOrWhiteSpace(draft.ItemCode))
        {
            throw new ArgumentException($"Case {draft.Number} needs a catalog item code.", nameof(draft));
        }

        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            throw new ArgumentException($"Case {draft.Number} needs a title.", nameof(draft));
        }

        if (draft.Severity is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(draft), draft.Severity, $"Case {draft.Number}: severity is 1..5.");
        }

        var at = atUtc.ToUniversalTime();
        var incident = new Incident
        {
            Number = draft.Number,
            Source = draft.Source,
            ExternalId = draft.ExternalId,
            ItemCode = draft.ItemCode,
            IsOnTheSpot = draft.IsOnTheSpot,
            Title = draft.Title,
            Description = draft.Description,
            Severity = draft.Severity,
            Location = draft.Location,
            OwnerTier = draft.Location.IsOutsideDistrict ? HandlingTier.District : draft.OwnerTier,
            OccurredUtc = draft.OccurredUtc.ToUniversalTime(),
            ReportedUtc = at,
            UpdatedUtc = at,
            Status = IncidentStatus.Reported,
        };
        incident._reports.Add(new IncidentReport(draft.Source, draft.ExternalId, at, draft.Title, draft.PayloadJson));
        incident.Record(actor, at, IncidentAction.Report, null, IncidentStatus.Reported, null,
            Detail(("source", draft.Source.ToString()), ("externalId", draft.ExternalId), ("item", draft.ItemCode)));
        return incident;
    }

    /// <summary>Another report of the same thing (dedupe at ingest) joins this case.</summary>
    public void AttachReport(IncidentReport report, Actor actor, DateTimeOffset atUtc)
    {
        Guard(IncidentAction.AttachReport, "attach a report to");
        if (_reports.Any(r => r.Source == report.Source && r.ExternalId == report.ExternalId))
        {
            throw new InvalidOperationException($"Case {Number} already has report {report.Source}/{report.ExternalId}.");
        }

        _reports.Add(report);
        Record(actor, atUtc, IncidentAction.AttachReport, Status, Status, null,
            Detail(("source", report.Source.ToString()), ("externalId", report.ExternalId)));
    }

    /// <summary>
    /// 来源更新: the source sent a new version of a message this case already holds (the same source and external id:
    /// a 12345 order's new state, a camera detection that ended, an upstream Open311 request closed). The report is
    /// revised in place, so the case keeps one report per source message, and the timeline says what changed.
    /// </summary>
    public void UpdateReport(IncidentSource source, string externalId, string? summary, string? payloadJson, Actor actor, DateTimeOffset atUtc, string reason)
    {
        Guard(IncidentAction.UpdateReport, "update a report of");
        var report = _reports.FirstOrDefault(r => r.Source == source && r.ExternalId == externalId)
            ?? throw new InvalidOperationException($"Case {Number} has no report {source}/{externalId} to update.");
        report.Revise(summary, payloadJson);
        Record(actor, atUtc, IncidentAction.UpdateReport, Status, Status, RequireReason(reason, "update a report of"),
            Detail(("source", source.ToString()), ("externalId", externalId)));
    }

    /// <summary>现场处置: the grid worker fixed it on the spot (on-the-spot items only).</summary>
    public void SelfHandle(Actor actor, DateTimeOffset atUtc, string? reason = null)
    {
        if (!IsOnTheSpot && Status == IncidentStatus.Reported)
        {
            throw new IncidentTransitionException(Number, IncidentAction.SelfHandle, Status,
                $"Cannot self-handle incident {Number}: item {ItemCode} is not an on-the-spot item; it must be registered and dispatched.");
        }

        Move(IncidentAction.SelfHandle, actor, atUtc, reason);
    }

    /// <summary>立案: accepted as a case.</summary>
    public void Register(Actor actor, DateTimeOffset atUtc, string? reason = null) =>
        Move(IncidentAction.Register, actor, atUtc, reason);

    /// <summary>派遣: sends the case to a department at a tier; settles joint triage if it was pending.</summary>
    public void Dispatch(Actor actor, DateTimeOffset atUtc, string departmentCode, HandlingTier tier, string? reason = null, DateTimeOffset? deadlineUtc = null)
    {
        if (string.IsNullOrWhiteSpace(departmentCode))
        {
            throw new ArgumentException($"Dispatching case {Number} needs a department code.", nameof(departmentCode));
        }

        Move(IncidentAction.Dispatch, actor, atUtc, reason, () =>
        {
            AssignedDepartmentCode = departmentCode;
            OwnerTier = tier;
            NeedsJointTriage = false;
            Complete(SlaStage.Dispatch, atUtc);
        }, ("department", departmentCode), ("tier", tier.ToString()),
            ("deadline", deadlineUtc?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>签收: the department takes it on.</summary>
    public void Accept(Actor actor, DateTimeOffset atUtc, string? reason = null) =>
        Move(IncidentAction.Accept, actor, atUtc, reason, () => Complete(SlaStage.Accept, atUtc), ("department", AssignedDepartmentCode));

    /// <summary>处置: the department reports it done.</summary>
    /// <remarks><paramref name="photos"/> names the evidence sent with the report (stage:file, comma-separated).</remarks>
    public void Handle(Actor actor, DateTimeOffset atUtc, string? reason = null, string? photos = null) =>
        Move(IncidentAction.Handle, actor, atUtc, reason, () => Complete(SlaStage.Handle, atUtc), ("department", AssignedDepartmentCode), ("photos", photos));

    /// <summary>核查不通过: the on-site check found it not fixed; back to the department.</summary>
    public void FailVerification(Actor actor, DateTimeOffset atUtc, string reason) =>
        Move(IncidentAction.FailVerification, actor, atUtc, RequireReason(reason, "fail verification of"), () => Complete(SlaStage.Verify, atUtc));

    /// <summary>核查: confirmed fixed on site.</summary>
    public void Verify(Actor actor, DateTimeOffset atUtc, string? reason = null) =>
        Move(IncidentAction.Verify, actor, atUtc, reason, () => Complete(SlaStage.Verify, atUtc));

    /// <summary>结案. A citizen's case needs a satisfied callback (回访) first.</summary>
    public void Close(Actor actor, DateTimeOffset atUtc, string? reason = null)
    {
        if (IncidentTransitions.Target(IncidentAction.Close, Status) is not null && NeedsCitizenCallback && !HasSatisfiedCallback)
        {
            throw new IncidentTransitionException(Number, IncidentAction.Close, Status,
                $"Cannot close incident {Number}: a citizen reported it, so record a satisfied callback (回访) first.");
        }

        Move(IncidentAction.Close, actor, atUtc, reason, () => CompleteAll(atUtc));
    }

    /// <summary>
    /// 回访: records what the citizen said. Satisfied, the case may close; unsatisfied, it is reopened at once
    /// (back to dispatch) with the citizen's words as the reason.
    /// </summary>
    public void RecordCallback(Actor actor, DateTimeOffset atUtc, bool satisfied, string note)
    {
        Guard(IncidentAction.RecordCallback, "record a callback for");
        if (!NeedsCitizenCallback)
        {
            throw new IncidentTransitionException(Number, IncidentAction.RecordCallback, Status,
                $"Cannot record a callback for incident {Number}: no citizen reported it (source {Source}).");
        }

        var why = RequireReason(note, "record a callback for");
        LastCallback = new CitizenCallback(satisfied, why, actor.Id, actor.Name, atUtc.ToUniversalTime());
        Record(actor, atUtc, IncidentAction.RecordCallback, Status, Status, why, Detail(("satisfied", satisfied ? "true" : "false")));
        if (!satisfied)
        {
            Reopen(actor, atUtc, "回访不满意 (citizen unsatisfied): " + why);
        }
    }

    /// <summary>
    /// 退回: the department says the case is not theirs. It goes back to the dispatcher; the second return sends it
    /// to joint triage instead of another guess.
    /// </summary>
    public void Return(Actor actor, DateTimeOffset atUtc, string reason) =>
        Move(IncidentAction.Return, actor, atUtc, RequireReason(reason, "return"), () =>
        {
            var from = AssignedDepartmentCode;
            AssignedDepartmentCode = null;
            ReturnCount++;
            if (ReturnCount >= ReturnsBeforeJointTriage)
            {
                NeedsJointTriage = true;
            }

            CompleteAll(atUtc);
            return Detail(("department", from), ("returnCount", ReturnCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("jointTriage", NeedsJointTriage ? "true" : "false"));
        });

    /// <summary>
    /// 上报: moves the case one tier up the <see cref="EscalationLadder"/>; from the district, into joint triage.
    /// <paramref name="straightToJointTriage"/> skips the ladder when the owner is disputed from the start.
    /// </summary>
    public void Escalate(Actor actor, DateTimeOffset atUtc, string reason, bool straightToJointTriage = false)
    {
        var step = straightToJointTriage
            ? new EscalationStep(OwnerTier, HandlingTier.District, IsJointTriage: true)
            : EscalationLadder.Next(OwnerTier);
        if (step.IsJointTriage && NeedsJointTriage && Status == IncidentStatus.Escalated)
        {
            throw new IncidentTransitionException(Number, IncidentAction.Escalate, Status,
                $"Cannot escalate incident {Number}: it is already in joint triage at the district, the top of the ladder.");
        }

        Move(IncidentAction.Escalate, actor, atUtc, RequireReason(reason, "escalate"), () =>
        {
            var fromTier = OwnerTier;
            var fromDepartment = AssignedDepartmentCode;
            OwnerTier = step.To;
            AssignedDepartmentCode = null;
            if (step.IsJointTriage)
            {
                NeedsJointTriage = true;
            }

            CompleteAll(atUtc);
            return Detail(("fromTier", fromTier.ToString()), ("toTier", step.To.ToString()), ("jointTriage", step.IsJointTriage ? "true" : "false"), ("department", fromDepartment));
        });
    }

    /// <summary>并单: this case duplicates <paramref name="master"/>; its reports move there and it ends here.</summary>
    public void MergeInto(Incident master, Actor actor, DateTimeOffset atUtc, string reason)
    {
        if (ReferenceEquals(master, this) || master.Number == Number)
        {
            throw new IncidentTransitionException(Number, IncidentAction.Merge, Status, $"Cannot merge incident {Number} into itself.");
        }

        master.Guard(IncidentAction.AbsorbDuplicate, "merge a duplicate into");
        var why = RequireReason(reason, "merge");
        Move(IncidentAction.Merge, actor, atUtc, why, () =>
        {
            var moved = _reports.ToList();
            _reports.Clear();
            foreach (var report in moved)
            {
                report.MarkMergedFrom(Number);
            }

            master._reports.AddRange(moved);
            MergedIntoId = master.Id == 0 ? null : master.Id;
            MergedIntoNumber = master.Number;
            CompleteAll(atUtc);
            master.Record(actor, atUtc, IncidentAction.AbsorbDuplicate, master.Status, master.Status, why,
                Detail(("duplicate", Number), ("reports", moved.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            return Detail(("master", master.Number), ("reports", moved.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    /// <summary>注销: not a case (false alarm, not qualifying, not the city's business).</summary>
    public void Reject(Actor actor, DateTimeOffset atUtc, string reason) =>
        Move(IncidentAction.Reject, actor, atUtc, RequireReason(reason, "reject"), () => CompleteAll(atUtc));

    /// <summary>重新立案: a closed case comes back, e.g. the citizen was unsatisfied at the callback (回访不满意).</summary>
    public void Reopen(Actor actor, DateTimeOffset atUtc, string reason) =>
        Move(IncidentAction.Reopen, actor, atUtc, RequireReason(reason, "reopen"), () =>
        {
            ReopenCount++;
            AssignedDepartmentCode = null;
            // The next closing needs a fresh callback about the fresh handling.
            LastCallback = null;
            CompleteAll(atUtc);
        });

    /// <summary>
    /// 驳回: a return goes back to the department that returned it (退回不成立), or an escalation back to the tier
    /// it came from (上报不成立), with the reason why.
    /// </summary>
    public void SendBack(Actor actor, DateTimeOffset atUtc, string reason)
    {
        var why = RequireReason(reason, "send back");
        if (Status == IncidentStatus.Returned)
        {
            var department = LastDetail(IncidentAction.Return, "department")
                ?? throw new IncidentTransitionException(Number, IncidentAction.SendBack, Status, $"Cannot send incident {Number} back: its timeline does not say which department returned it.");
            Move(IncidentAction.SendBack, actor, atUtc, why, () =>
            {
                AssignedDepartmentCode = department;
                NeedsJointTriage = false;
                CompleteAll(atUtc);
            }, ("department", department));
            return;
        }

        var fromTier = Enum.TryParse<HandlingTier>(LastDetail(IncidentAction.Escalate, "fromTier"), out var tier) ? tier : (HandlingTier?)null;
        if (Status == IncidentStatus.Escalated && fromTier is null)
        {
            throw new IncidentTransitionException(Number, IncidentAction.SendBack, Status, $"Cannot send incident {Number} back: its timeline does not say which tier escalated it.");
        }

        Move(IncidentAction.SendBack, actor, atUtc, why, () =>
        {
            var from = OwnerTier;
            OwnerTier = fromTier!.Value;
            NeedsJointTriage = false;
            CompleteAll(atUtc);
            return Detail(("fromTier", from.ToString()), ("toTier", OwnerTier.ToString()));
        });
    }

    /// <summary>挂起申请: the handling department asks for the clocks to stop; the command center decides.</summary>
    public void RequestPause(Actor actor, DateTimeOffset atUtc, string reason)
    {
        Guard(IncidentAction.RequestPause, "request a pause for");
        var why = RequireReason(reason, "request a pause for");
        if (IsPaused)
        {
            throw new IncidentTransitionException(Number, IncidentAction.RequestPause, Status, $"Cannot request a pause for incident {Number}: it is already paused.");
        }

        if (PendingPause is not null)
        {
            throw new IncidentTransitionException(Number, IncidentAction.RequestPause, Status,
                $"Cannot request a pause for incident {Number}: a request by {PendingPause.RequestedByName} is still waiting for a decision.");
        }

        PendingPause = new PauseRequest(actor.Id, actor.Name, atUtc.ToUniversalTime(), why);
        Record(actor, atUtc, IncidentAction.RequestPause, Status, Status, why, null);
    }

    /// <summary>Grants the pending pause request: every running clock stops until someone resumes the case.</summary>
    public void ApprovePause(Actor actor, DateTimeOffset atUtc, string? reason = null)
    {
        Guard(IncidentAction.ApprovePause, "approve a pause for");
        var request = PendingPause
            ?? throw new IncidentTransitionException(Number, IncidentAction.ApprovePause, Status, $"Cannot approve a pause for incident {Number}: none was requested.");
        PendingPause = null;
        Record(actor, atUtc, IncidentAction.ApprovePause, Status, Status, reason ?? request.Reason, Detail(("requestedBy", request.RequestedById)));
        Pause(actor, atUtc, request.Reason);
    }

    /// <summary>Refuses the pending pause request; the clocks keep running.</summary>
    public void DenyPause(Actor actor, DateTimeOffset atUtc, string reason)
    {
        Guard(IncidentAction.DenyPause, "deny a pause for");
        var why = RequireReason(reason, "deny a pause for");
        var request = PendingPause
            ?? throw new IncidentTransitionException(Number, IncidentAction.DenyPause, Status, $"Cannot deny a pause for incident {Number}: none was requested.");
        PendingPause = null;
        Record(actor, atUtc, IncidentAction.DenyPause, Status, Status, why, Detail(("requestedBy", request.RequestedById)));
    }

    /// <summary>
    /// 吹哨: summons departments to the case; each must report in before its own due instant. A department already
    /// summoned and not yet reported in is not summoned twice.
    /// </summary>
    public void BlowWhistle(Actor actor, DateTimeOffset atUtc, IReadOnlyList<(string DepartmentCode, DateTimeOffset DueUtc)> departments, string reason)
    {
        Guard(IncidentAction.BlowWhistle, "blow the whistle on");
        var why = RequireReason(reason, "blow the whistle on");
        if (departments.Count == 0)
        {
            throw new ArgumentException($"To blow the whistle on incident {Number} name at least one department.", nameof(departments));
        }

        var waiting = WaitingSummons.Select(s => s.DepartmentCode).ToHashSet(StringComparer.Ordinal);
        var fresh = departments.Where(d => !waiting.Contains(d.DepartmentCode)).DistinctBy(d => d.DepartmentCode).ToList();
        if (fresh.Count == 0)
        {
            throw new IncidentTransitionException(Number, IncidentAction.BlowWhistle, Status,
                $"Cannot blow the whistle on incident {Number}: every department named is already summoned and has not reported in yet.");
        }

        foreach (var (code, due) in fresh)
        {
            if (due <= atUtc)
            {
                throw new ArgumentException($"The report-in time for {code} must be after the whistle.", nameof(departments));
            }

            _summons.Add(new WhistleSummons(code, actor.Name, atUtc, due));
        }

        Record(actor, atUtc, IncidentAction.BlowWhistle, Status, Status, why, Detail(
            ("departments", string.Join(",", fresh.Select(f => f.DepartmentCode))),
            ("due", string.Join(",", fresh.Select(f => f.DueUtc.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture))))));
    }

    /// <summary>报到: a summoned department says it is on it.</summary>
    public void ReportIn(Actor actor, DateTimeOffset atUtc, string departmentCode, string? note = null)
    {
        Guard(IncidentAction.ReportIn, "report in to");
        var summons = WaitingSummons.FirstOrDefault(s => s.DepartmentCode == departmentCode)
            ?? throw new IncidentTransitionException(Number, IncidentAction.ReportIn, Status,
                $"Cannot report in to incident {Number}: department {departmentCode} is not summoned or has already reported in.");
        summons.ReportIn(actor.Name, atUtc, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        Record(actor, atUtc, IncidentAction.ReportIn, Status, Status, summons.Note,
            Detail(("department", departmentCode), ("late", summons.IsLate(atUtc) ? "true" : "false")));
    }

    /// <summary>
    /// Brings the due instant of <paramref name="stage"/>'s running clock forward to a deadline the dispatcher chose;
    /// a deadline can only tighten the rule's limit, never loosen it.
    /// </summary>
    public void TightenClock(SlaStage stage, DateTimeOffset dueUtc, WorkingCalendar calendar)
    {
        var clock = ClockFor(stage)
            ?? throw new InvalidOperationException($"Incident {Number} has no running {stage} clock to set a deadline on.");
        clock.Tighten(dueUtc, calendar);
        RefreshDue();
    }

    /// <summary>挂起: stops all running clocks, e.g. while waiting for a permit.</summary>
    public void Pause(Actor actor, DateTimeOffset atUtc, string reason)
    {
        Guard(IncidentAction.Pause, "pause");
        if (IsPaused)
        {
            throw new IncidentTransitionException(Number, IncidentAction.Pause, Status, $"Cannot pause incident {Number}: it is already paused.");
        }

        var why = RequireReason(reason, "pause");
        foreach (var clock in _clocks.Where(c => c.IsRunning))
        {
            clock.Pause(atUtc);
        }

        IsPaused = true;
        RefreshDue();
        Record(actor, atUtc, IncidentAction.Pause, Status, Status, why, null);
    }

    /// <summary>Restarts the clocks a pause stopped; each gets back the time it had left.</summary>
    public void Resume(Actor actor, DateTimeOffset atUtc, WorkingCalendar calendar, string? reason = null)
    {
        Guard(IncidentAction.Resume, "resume");
        if (!IsPaused)
        {
            throw new IncidentTransitionException(Number, IncidentAction.Resume, Status, $"Cannot resume incident {Number}: it is not paused.");
        }

        foreach (var clock in _clocks.Where(c => c.IsPaused))
        {
            clock.Resume(atUtc, calendar);
        }

        IsPaused = false;
        RefreshDue();
        Record(actor, atUtc, IncidentAction.Resume, Status, Status, reason, Detail(("due", DueUtc?.ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>延期: grants more time on one stage's clock.</summary>
    public void Extend(Actor actor, DateTimeOffset atUtc, SlaStage stage, SlaSpec extra, WorkingCalendar calendar, string reason)
    {
        Guard(IncidentAction.Extend, "extend");
        var why = RequireReason(reason, "extend");
        var clock = ClockFor(stage)
            ?? throw new IncidentTransitionException(Number, IncidentAction.Extend, Status, $"Cannot extend incident {Number}: no {stage} clock is running.");
        clock.Extend(extra, calendar);
        RefreshDue();
        Record(actor, atUtc, IncidentAction.Extend, Status, Status, why,
            Detail(("stage", stage.ToString()), ("extra", extra.ToString()), ("due", clock.DueUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>延期申请: the handling department asks for more time; the command center approves or denies it.</summary>
    public void RequestExtension(Actor actor, DateTimeOffset atUtc, SlaStage stage, SlaSpec extra, string reason)
    {
        Guard(IncidentAction.RequestExtension, "request an extension for");
        var why = RequireReason(reason, "request an extension for");
        if (PendingExtension is not null)
        {
            throw new IncidentTransitionException(Number, IncidentAction.RequestExtension, Status,
                $"Cannot request an extension for incident {Number}: a request by {PendingExtension.RequestedByName} is still waiting for a decision.");
        }

        if (ClockFor(stage) is null)
        {
            throw new IncidentTransitionException(Number, IncidentAction.RequestExtension, Status,
                $"Cannot request an extension for incident {Number}: no {stage} clock is running.");
        }

        PendingExtension = new ExtensionRequest(stage, extra, actor.Id, actor.Name, atUtc.ToUniversalTime(), why);
        Record(actor, atUtc, IncidentAction.RequestExtension, Status, Status, why, Detail(("stage", stage.ToString()), ("extra", extra.ToString())));
    }

    /// <summary>Grants the pending extension request.</summary>
    public void ApproveExtension(Actor actor, DateTimeOffset atUtc, WorkingCalendar calendar, string? reason = null)
    {
        Guard(IncidentAction.ApproveExtension, "approve an extension for");
        var request = PendingExtension
            ?? throw new IncidentTransitionException(Number, IncidentAction.ApproveExtension, Status, $"Cannot approve an extension for incident {Number}: none was requested.");
        var clock = ClockFor(request.Stage)
            ?? throw new IncidentTransitionException(Number, IncidentAction.ApproveExtension, Status, $"Cannot approve an extension for incident {Number}: its {request.Stage} clock has ended.");
        clock.Extend(request.Extra, calendar);
        PendingExtension = null;
        RefreshDue();
        Record(actor, atUtc, IncidentAction.ApproveExtension, Status, Status, reason ?? request.Reason,
            Detail(("stage", request.Stage.ToString()), ("extra", request.Extra.ToString()), ("requestedBy", request.RequestedById),
                ("due", clock.DueUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>Refuses the pending extension request; the limit stays as it was.</summary>
    public void DenyExtension(Actor actor, DateTimeOffset atUtc, string reason)
    {
        Guard(IncidentAction.DenyExtension, "deny an extension for");
        var why = RequireReason(reason, "deny an extension for");
        var request = PendingExtension
            ?? throw new IncidentTransitionException(Number, IncidentAction.DenyExtension, Status, $"Cannot deny an extension for incident {Number}: none was requested.");
        PendingExtension = null;
        Record(actor, atUtc, IncidentAction.DenyExtension, Status, Status, why, Detail(("stage", request.Stage.ToString()), ("requestedBy", request.RequestedById)));
    }

    /// <summary>
    /// 联合研判: writes one triage-room step (a request, the room opening, a proposal, a claim, a ruling...) to the
    /// timeline without changing the status, so the case's history shows how its owner was settled.
    /// </summary>
    public void RecordTriage(Actor actor, DateTimeOffset atUtc, string step, string? reason, params (string Key, string? Value)[] detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        Guard(IncidentAction.Triage, "record a triage step on");
        EnsureNotBeforeReport(atUtc);
        Record(actor, atUtc, IncidentAction.Triage, Status, Status, reason, Detail([("step", step), .. detail]));
    }

    /// <summary>
    /// Starts the clock of <paramref name="stage"/> (replacing one still running for it). Called by the workflow
    /// right after the transition that opens the stage, with the limit from the catalog.
    /// </summary>
    public SlaClock StartClock(SlaStage stage, SlaSpec limit, DateTimeOffset atUtc, WorkingCalendar calendar)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Cannot start a {stage} clock on incident {Number}: it is {Status}.");
        }

        Complete(stage, atUtc);
        var clock = SlaClock.Start(stage, limit, atUtc, calendar);
        if (IsPaused)
        {
            clock.Pause(atUtc);
        }

        _clocks.Add(clock);
        RefreshDue();
        return clock;
    }

    private void Move(IncidentAction action, Actor actor, DateTimeOffset atUtc, string? reason, Action? apply = null, params (string Key, string? Value)[] detail) =>
        Move(action, actor, atUtc, reason, () =>
        {
            apply?.Invoke();
            return Detail(detail);
        });

    private void Move(IncidentAction action, Actor actor, DateTimeOffset atUtc, string? reason, Func<string?> apply)
    {
        var to = IncidentTransitions.Target(action, Status) ?? throw Illegal(action);
        EnsureNotBeforeReport(atUtc);
        var from = Status;
        var detail = apply();
        Status = to;
        if (!IncidentTransitions.AllowedFrom(IncidentAction.Pause).Contains(to))
        {
            // A pause belongs to the handling that was suspended; once the case leaves that stage it no longer applies.
            IsPaused = false;
        }

        if (!IncidentTransitions.AllowedFrom(IncidentAction.ApproveExtension).Contains(to))
        {
            PendingExtension = null;
        }

        if (!IncidentTransitions.AllowedFrom(IncidentAction.ApprovePause).Contains(to))
        {
            PendingPause = null;
        }

        RefreshDue();
        Record(actor, atUtc, action, from, to, reason, detail);
    }

    private void Guard(IncidentAction action, string verb)
    {
        if (!IncidentTransitions.AllowedFrom(action).Contains(Status))
        {
            throw Illegal(action, verb);
        }
    }

    private IncidentTransitionException Illegal(IncidentAction action, string? verb = null)
    {
        var allowed = IncidentTransitions.AllowedFrom(action);
        var need = allowed.Count == 0 ? "it never can be" : $"it must be {JoinOr(allowed)} first";
        return new IncidentTransitionException(Number, action, Status,
            $"Cannot {verb ?? Verb(action)} incident {Number}: it is {Status}; {need}.");
    }

    private void Record(Actor actor, DateTimeOffset atUtc, IncidentAction action, IncidentStatus? from, IncidentStatus to, string? reason, string? detailJson)
    {
        var at = atUtc.ToUniversalTime();
        var entry = new IncidentTimelineEntry(_timeline.Count + 1, at, actor, action, from, to, reason, detailJson);
        _timeline.Add(entry);
        if (at > UpdatedUtc)
        {
            UpdatedUtc = at;
        }

        _domainEvents.Add(new IncidentChanged(Number, entry.Sequence, action, from, to, at, actor, reason, detailJson));
    }

    private void EnsureNotBeforeReport(DateTimeOffset atUtc)
    {
        if (atUtc < ReportedUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(atUtc), atUtc, $"Incident {Number} was reported at {ReportedUtc:u}; nothing can happen to it before that.");
        }
    }

    private void Complete(SlaStage stage, DateTimeOffset atUtc)
    {
        foreach (var clock in _clocks.Where(c => c.Stage == stage && !c.IsCompleted))
        {
            clock.Complete(atUtc < clock.StartedUtc ? clock.StartedUtc : atUtc);
        }
    }

    private void CompleteAll(DateTimeOffset atUtc)
    {
        foreach (var stage in Enum.GetValues<SlaStage>())
        {
            Complete(stage, atUtc);
        }
    }

    private void RefreshDue() =>
        DueUtc = _clocks.Where(c => c.IsRunning).Select(c => (DateTimeOffset?)c.DueUtc).Min();

    private string RequireReason(string? reason, string verb) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new ArgumentException($"To {verb} incident {Number} a reason is required.", nameof(reason))
            : reason;

    /// <summary>A value from the detail of the latest timeline entry of <paramref name="action"/>.</summary>
    private string? LastDetail(IncidentAction action, string key)
    {
        var json = _timeline.LastOrDefault(t => t.Action == action)?.DetailJson;
        if (json is null)
        {
            return null;
        }

        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(json);
        return values is not null && values.TryGetValue(key, out var value) ? value : null;
    }

    private static string? Detail(params (string Key, string? Value)[] pairs)
    {
        var present = pairs.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
        return present.Count == 0 ? null : JsonSerializer.Serialize(present);
    }

    private static string JoinOr(IReadOnlyList<IncidentStatus> statuses) =>
        statuses.Count == 1
            ? statuses[0].ToString()
            : string.Join(", ", statuses.Take(statuses.Count - 1)) + " or " + statuses[^1];

    private static string Verb(IncidentAction action) => action switch
    {
        IncidentAction.SelfHandle => "self-handle",
        IncidentAction.FailVerification => "fail verification of",
        IncidentAction.Merge => "merge",
        IncidentAction.AttachReport => "attach a report to",
        IncidentAction.AbsorbDuplicate => "merge a duplicate into",
        IncidentAction.UpdateReport => "update a report of",
        IncidentAction.SendBack => "send back",
        _ => action.ToString().ToLowerInvariant(),
    };
}
