namespace Dashboard.Core.Incidents;

/// <summary>Who did something to a case: a signed-in user (id, display name, role) or the system itself.</summary>
public sealed record Actor
{
    public const string SystemRole = "system";

    public Actor(string id, string name, string role)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("An actor needs an id.", nameof(id));
        }

        Id = id;
        Name = string.IsNullOrWhiteSpace(name) ? id : name;
        Role = string.IsNullOrWhiteSpace(role) ? "unknown" : role;
    }

    public string Id { get; }

    public string Name { get; }

    public string Role { get; }

    public bool IsSystem => Role == SystemRole;

    /// <summary>An automatic actor, e.g. <c>System("ingest")</c> or <c>System("sla-escalator")</c>.</summary>
    public static Actor System(string component) => new("system:" + component, component, SystemRole);

    public override string ToString() => $"{Name} ({Role})";
}
