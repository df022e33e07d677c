namespace Dashboard.People;

/// <summary>
/// One audited attempt (审计): who tried what on which resource through which route, and why it was refused — or,
/// for changes to people (administrators' user management), what was done. Allowed actions on incidents are audited
/// by the incident timeline and the change log; this table holds what they cannot.
/// </summary>
public sealed class AuditRecord
{
    private AuditRecord()
    {
        UserId = string.Empty;
        UserName = string.Empty;
        Role = string.Empty;
        Action = string.Empty;
        Resource = string.Empty;
        Route = string.Empty;
        Reason = string.Empty;
        Outcome = Refused;
    }

    public const string Refused = "refused";

    public const string Allowed = "allowed";

    public AuditRecord(DateTimeOffset atUtc, string userId, string userName, string role, string action, string resource, string route, string reason, string outcome = Refused)
    {
        Outcome = outcome;
        AtUtc = atUtc.ToUniversalTime();
        UserId = userId;
        UserName = userName;
        Role = role;
        Action = action;
        Resource = resource;
        Route = route;
        Reason = reason;
    }

    public long Id { get; private set; }

    public DateTimeOffset AtUtc { get; private set; }

    /// <summary>The user's id, or <c>anonymous</c>.</summary>
    public string UserId { get; private set; }

    public string UserName { get; private set; }

    public string Role { get; private set; }

    /// <summary>What was attempted, e.g. <c>view</c>, <c>Dispatch</c>, <c>subscribe</c>, <c>export</c>.</summary>
    public string Action { get; private set; }

    /// <summary>What it was attempted on, e.g. <c>incident:SJ202611230001</c> or <c>scope:street:440604011</c>.</summary>
    public string Resource { get; private set; }

    /// <summary>How the attempt came in: <c>page</c>, <c>form</c>, <c>api</c>, <c>hub</c>, <c>export</c>.</summary>
    public string Route { get; private set; }

    /// <summary>Why it was refused, or what was done.</summary>
    public string Reason { get; private set; }

    /// <summary><see cref="Refused"/> or <see cref="Allowed"/>.</summary>
    public string Outcome { get; private set; }
}
