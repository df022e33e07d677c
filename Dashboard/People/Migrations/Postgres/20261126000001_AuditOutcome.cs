using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.People.Migrations.Postgres;

/// <summary>
/// The audit log holds what administrators did to people (allowed) next to what was refused, so each row says which.
/// Rows written before this migration were all refusals.
/// </summary>
[DbContext(typeof(PostgresIdentityStoreDbContext))]
[Migration("20261126000001_AuditOutcome")]
public sealed class AuditOutcome : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "outcome", table: "audit_log", type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "refused");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("outcome", "audit_log");
}
