using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Storage.Migrations.Postgres;

/// <summary>
/// Scheduled work: the SLA watch's per-case state, hourly and daily rollups, and the archives the retention
/// sweep moves old payloads into. Quartz's qrtz_* tables come in <see cref="QuartzJobStore"/> (20261128000001_Quartz).
/// </summary>
[DbContext(typeof(PostgresCityDbContext))]
[Migration("20261125000001_Jobs")]
public sealed class Jobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "sla_watch_states",
            columns: table => new
            {
                incident_id = table.Column<long>(type: "bigint", nullable: false),
                light = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                changed_at_utc = table.Column<DateTimeOffset?>(type: "timestamp with time zone", nullable: true),
                escalated_clock_id = table.Column<long?>(type: "bigint", nullable: true),
                escalation_count = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_sla_watch_states", x => x.incident_id));

        foreach (var name in new[] { "rollup_hourly", "rollup_daily" })
        {
            migrationBuilder.CreateTable(
                name: name,
                columns: table => new
                {
                    bucket_start_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    found = table.Column<int>(type: "integer", nullable: false),
                    dispatched = table.Column<int>(type: "integer", nullable: false),
                    closed = table.Column<int>(type: "integer", nullable: false),
                    overdue = table.Column<int>(type: "integer", nullable: false),
                    median_close_minutes = table.Column<double?>(type: "double precision", nullable: true),
                },
                constraints: table => table.PrimaryKey("PK_" + name, x => new { x.bucket_start_utc, x.dimension, x.key }));
            migrationBuilder.CreateIndex($"IX_{name}_dimension_bucket_start_utc", name, ["dimension", "bucket_start_utc"]);
        }

        migrationBuilder.CreateTable(
            name: "archived_report_payloads",
            columns: table => new
            {
                report_id = table.Column<long>(type: "bigint", nullable: false),
                incident_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                payload_json = table.Column<string>(type: "text", nullable: false),
                archived_at_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_archived_report_payloads", x => x.report_id));
        migrationBuilder.CreateIndex("IX_archived_report_payloads_incident_number", "archived_report_payloads", "incident_number");

        migrationBuilder.CreateTable(
            name: "archived_quarantine",
            columns: table => new
            {
                quarantine_id = table.Column<long>(type: "bigint", nullable: false),
                source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                received_at_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                field = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                content_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                payload = table.Column<byte[]>(type: "bytea", nullable: false),
                sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                remote_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                archived_at_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_archived_quarantine", x => x.quarantine_id));

    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("archived_quarantine");
        migrationBuilder.DropTable("archived_report_payloads");
        migrationBuilder.DropTable("rollup_daily");
        migrationBuilder.DropTable("rollup_hourly");
        migrationBuilder.DropTable("sla_watch_states");
    }
}
