using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Dashboard.Core.Storage.Migrations.Postgres;

/// <summary>
/// The director workspace's closed loop: pause requests and the citizen callback on the case, the departments a
/// whistle summoned (吹哨报到), and before/after photos of the handling, kept in the store so every node serves them.
/// </summary>
[DbContext(typeof(PostgresCityDbContext))]
[Migration("20261126000001_Workspace")]
public sealed class Workspace : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "pending_pause", table: "incidents", type: "text", nullable: true);
        migrationBuilder.AddColumn<string>(name: "last_callback", table: "incidents", type: "text", nullable: true);

        migrationBuilder.CreateTable(
            name: "incident_summons",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                incident_id = table.Column<long>(type: "bigint", nullable: false),
                department_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                summoned_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                summoned_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                due_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                reported_in_utc = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                reported_in_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_incident_summons", x => x.id);
                table.ForeignKey("FK_incident_summons_incidents_incident_id", x => x.incident_id, "incidents", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_incident_summons_incident_id", "incident_summons", "incident_id");
        migrationBuilder.CreateIndex("IX_incident_summons_department_code_reported_in_utc", "incident_summons", ["department_code", "reported_in_utc"]);

        migrationBuilder.CreateTable(
            name: "evidence_photos",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                incident_id = table.Column<long>(type: "bigint", nullable: false),
                incident_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                stage = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                content_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                size_bytes = table.Column<int>(type: "integer", nullable: false),
                sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                content = table.Column<byte[]>(type: "bytea", nullable: false),
                uploaded_by_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                uploaded_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                uploaded_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_evidence_photos", x => x.id);
                table.ForeignKey("FK_evidence_photos_incidents_incident_id", x => x.incident_id, "incidents", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_evidence_photos_incident_id", "evidence_photos", "incident_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("evidence_photos");
        migrationBuilder.DropTable("incident_summons");
        migrationBuilder.DropColumn("last_callback", "incidents");
        migrationBuilder.DropColumn("pending_pause", "incidents");
    }
}
