namespace Dashboard.Core.Storage.ChangeLog;

/// <summary>
/// One row of the ordered change log: the single source for live deltas, resync after a reconnect,
/// multi-node fan-out and the audit trail. Written in the same transaction as the change it records.
/// </summary>
public sealed class ChangeLogEntry
{
    private ChangeLogEntry()
    {
        Kind = string.Empty;
        EntityType = string.Empty;
        EntityId = string.Empty;
        Payload = "{}";
    }

    public ChangeLogEntry(
        DateTimeOffset atUtc,
        string kind,
        string entityType,
        string entityId,
        ChangeScope scope,
        string payload,
        bool isCritical = false,
        string? actor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityId);
        if (atUtc.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("Change-log times are stored in UTC.", nameof(atUtc));
        }

        AtUtc = atUtc;
        Kind = kind;
        EntityType = entityType;
        EntityId = entityId;
        StreetCode = scope.StreetCode;
        CommunityCode = scope.CommunityCode;
        GridCode = scope.GridCode;
        Payload = payload;
        IsCritical = isCritical;
        Actor = actor;
    }

    /// <summary>Monotonic sequence number, assigned by the store on insert; commit order equals sequence order.</summary>
    public long Sequence { get; private set; }

    public DateTimeOffset AtUtc { get; private set; }

    /// <summary>What happened, e.g. <c>incident.created</c>, <c>incident.dispatched</c>, <c>sensor.alarm</c>.</summary>
    public string Kind { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    /// <summary>The street (镇街) whose subscribers may see this change; null for district-wide facts.</summary>
    public string? StreetCode { get; private set; }

    public string? CommunityCode { get; private set; }

    public string? GridCode { get; private set; }

    /// <summary>The delta as JSON, shaped for the live client.</summary>
    public string Payload { get; private set; }

    /// <summary>Critical changes skip the broadcaster's coalescing window.</summary>
    public bool IsCritical { get; private set; }

    /// <summary>Who caused the change (user name, or <c>system:…</c> for jobs and feeds).</summary>
    public string? Actor { get; private set; }
}

/// <summary>Where in the hierarchy a change happened; decides which subscribers may receive it.</summary>
public readonly record struct ChangeScope(string? StreetCode, string? CommunityCode, string? GridCode)
{
    public static ChangeScope District { get; } = new(null, null, null);
}
