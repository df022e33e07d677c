namespace Dashboard.Core.Incidents;

/// <summary>One line of a case's audit timeline: who did what, when, from which status to which, and why.</summary>
public sealed class IncidentTimelineEntry
{
    private IncidentTimelineEntry()
    {
        ActorId = string.Empty;
        ActorName = string.Empty;
        ActorRole = string.Empty;
    }

    internal IncidentTimelineEntry(
        int sequence,
        DateTimeOffset atUtc,
        Actor actor,
        IncidentAction action,
        IncidentStatus? fromStatus,
        IncidentStatus toStatus,
        string? reason,
        string? detailJson)
    {
        Sequence = sequence;
        AtUtc = atUtc;
        ActorId = actor.Id;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        Action = action;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        Reason = reason;
        DetailJson = detailJson;
    }

    public long Id { get; private set; }

    /// <summary>1, 2, 3… within the case.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset AtUtc { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    public string ActorRole { get; private set; }

    public IncidentAction Action { get; private set; }

    /// <summary>Null for the first entry (the case did not exist before).</summary>
    public IncidentStatus? FromStatus { get; private set; }

    public IncidentStatus ToStatus { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Action-specific facts as a JSON object, e.g. <c>{"department":"CGZF","tier":"Street"}</c>.</summary>
    public string? DetailJson { get; private set; }

    public Actor Actor => new(ActorId, ActorName, ActorRole);
}

/// <summary>
/// Raised by every change to a case, for the storage layer to turn into change-log rows in the same transaction.
/// </summary>
public sealed record IncidentChanged(
    string IncidentNumber,
    int Sequence,
    IncidentAction Action,
    IncidentStatus? FromStatus,
    IncidentStatus ToStatus,
    DateTimeOffset AtUtc,
    Actor Actor,
    string? Reason,
    string? DetailJson);
