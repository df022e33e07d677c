using Microsoft.EntityFrameworkCore;

namespace Dashboard.People;

/// <summary>Writes refused attempts (and administrators' changes to people) to <c>audit_log</c>, each in its own short unit of work.</summary>
public sealed class RefusalAudit(IDbContextFactory<IdentityStoreDbContext> contexts, TimeProvider time, ILogger<RefusalAudit> logger)
{
    public async Task RecordAsync(WorkspaceUser? user, string action, string resource, string route, string reason, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Refused {User} ({Role}) {Action} on {Resource} via {Route}: {Reason}",
            user?.UserName ?? "anonymous", user?.Role ?? "-", action, resource, route, reason);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditRecord(time.GetUtcNow(), user?.Id ?? "anonymous", user?.UserName ?? "anonymous", user?.Role ?? "-",
            Truncate(action, 64), Truncate(resource, 128), route, Truncate(reason, 1000)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records a change an administrator made to a person's account: who, what, to whom, and the details.</summary>
    public async Task RecordChangeAsync(WorkspaceUser user, string action, string resource, string details, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("{User} ({Role}) {Action} on {Resource}: {Details}", user.UserName, user.Role, action, resource, details);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditRecord(time.GetUtcNow(), user.Id, user.UserName, user.Role,
            Truncate(action, 64), Truncate(resource, 128), "admin", Truncate(details, 1000), AuditRecord.Allowed));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
