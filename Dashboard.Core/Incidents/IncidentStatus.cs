namespace Dashboard.Core.Incidents;

/// <summary>Where a case is in its lifecycle. Values are persisted by name; do not rename.</summary>
public enum IncidentStatus
{
    /// <summary>发现/上报: reported by a source, not yet checked.</summary>
    Reported,

    /// <summary>现场处置: fixed on the spot by the grid worker (on-the-spot items only).</summary>
    SelfHandled,

    /// <summary>立案: accepted as a case, waiting for dispatch.</summary>
    Registered,

    /// <summary>派遣: sent to a department, waiting for it to accept.</summary>
    Dispatched,

    /// <summary>签收: the department accepted it and is working on it.</summary>
    Accepted,

    /// <summary>处置: the department says it is done, waiting for on-site verification.</summary>
    Handled,

    /// <summary>核查: verified on site, waiting to be closed.</summary>
    Verified,

    /// <summary>结案.</summary>
    Closed,

    /// <summary>退回: the department says it is not theirs; back with the dispatcher.</summary>
    Returned,

    /// <summary>上报上级: moved up a tier (or into joint triage), waiting for dispatch there.</summary>
    Escalated,

    /// <summary>并单: a duplicate folded into a master case.</summary>
    Merged,

    /// <summary>注销: not a case (duplicate-free but not qualifying, false alarm, out of scope).</summary>
    Rejected,
}

/// <summary>Where a report came from.</summary>
public enum IncidentSource
{
    Open311,
    Hotline12345,
    Cap,
    Iot,
    Isapi,
    Camera,
    Grid,
}

/// <summary>Everything that can happen to a case; each timeline entry and domain event names one.</summary>
public enum IncidentAction
{
    Report,
    AttachReport,
    SelfHandle,
    Register,
    Dispatch,
    Accept,
    Handle,
    FailVerification,
    Verify,
    Close,
    Return,
    Escalate,
    Merge,
    AbsorbDuplicate,
    Reject,
    Reopen,
    Pause,
    Resume,
    Extend,
    RequestExtension,
    ApproveExtension,
    DenyExtension,

    /// <summary>The source sent a new version of a message the case holds (same source and external id).</summary>
    UpdateReport,

    /// <summary>回访: the citizen was called back (satisfied or not).</summary>
    RecordCallback,

    /// <summary>挂起申请 by the handling department.</summary>
    RequestPause,
    ApprovePause,
    DenyPause,

    /// <summary>驳回: a return or an escalation sent back where it came from, with a reason.</summary>
    SendBack,

    /// <summary>吹哨: departments summoned to the case, each with its own report-in countdown.</summary>
    BlowWhistle,

    /// <summary>报到: a summoned department reports in.</summary>
    ReportIn,

    /// <summary>联合研判: a step taken in a joint-triage room (request, opening, proposal, claim, ruling...).</summary>
    Triage,
}
