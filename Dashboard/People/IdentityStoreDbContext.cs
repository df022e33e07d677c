using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.People;

/// <summary>
/// Users, roles and the refusal audit, in the same database as the city store but with migrations of their own
/// (history table <see cref="MigrationsHistoryTable"/>): Identity's EF package restores only in a web project, and
/// Dashboard.Core stays free of web dependencies. One subclass per provider carries that provider's hand-written
/// migrations, as <c>CityDbContext</c> does.
/// </summary>
public abstract class IdentityStoreDbContext(DbContextOptions options) : IdentityDbContext<CityUser>(options)
{
    public const string MigrationsHistoryTable = "__identity_migrations";

    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();

    /// <summary>Pinned so the hand-written migrations keep matching the model whatever the framework's default becomes.</summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version1;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<CityUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.ScopeCode).HasMaxLength(32);
        });
        builder.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("audit_log");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).HasColumnName("id");
            audit.Property(a => a.AtUtc).HasColumnName("at_utc");
            audit.Property(a => a.UserId).HasColumnName("user_id").HasMaxLength(64);
            audit.Property(a => a.UserName).HasColumnName("user_name").HasMaxLength(256);
            audit.Property(a => a.Role).HasColumnName("role").HasMaxLength(32);
            audit.Property(a => a.Action).HasColumnName("action").HasMaxLength(64);
            audit.Property(a => a.Resource).HasColumnName("resource").HasMaxLength(128);
            audit.Property(a => a.Route).HasColumnName("route").HasMaxLength(16);
            audit.Property(a => a.Reason).HasColumnName("reason").HasMaxLength(1000);
            audit.Property(a => a.Outcome).HasColumnName("outcome").HasMaxLength(16);
            audit.HasIndex(a => a.AtUtc).HasDatabaseName("IX_audit_log_at_utc");
        });
    }
}

/// <summary>The SQLite flavour (embedded demo default).</summary>
public sealed class SqliteIdentityStoreDbContext(DbContextOptions<SqliteIdentityStoreDbContext> options) : IdentityStoreDbContext(options);

/// <summary>The PostgreSQL flavour (production).</summary>
public sealed class PostgresIdentityStoreDbContext(DbContextOptions<PostgresIdentityStoreDbContext> options) : IdentityStoreDbContext(options);
