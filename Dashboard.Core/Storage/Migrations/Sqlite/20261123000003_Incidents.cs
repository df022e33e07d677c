using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Storage.Migrations.Sqlite;

/// <summary>
/// Incidents with their reports, timeline and SLA clocks; the quarantine of refused feed messages; sensor
/// readings and per-device alarm state. Written by hand (see docs/decisions/0002).
/// </summary>
[DbContext(typeof(SqliteCityDbContext))]
[Migration("20261123000003_Incidents")]
public sealed class Incidents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "incidents",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                external_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                item_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                is_on_the_spot = table.Column<bool>(type: "INTEGER", nullable: false),
                title = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                severity = table.Column<int>(type: "INTEGER", nullable: false),
                status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                longitude = table.Column<double>(type: "REAL", nullable: false),
                latitude = table.Column<double>(type: "REAL", nullable: false),
                grid_code = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                is_outside_district = table.Column<bool>(type: "INTEGER", nullable: false),
                address = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                owner_tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                assigned_department_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                needs_joint_triage = table.Column<bool>(type: "INTEGER", nullable: false),
                occurred_utc = table.Column<long>(type: "INTEGER", nullable: false),
                reported_utc = table.Column<long>(type: "INTEGER", nullable: false),
                updated_utc = table.Column<long>(type: "INTEGER", nullable: false),
                due_utc = table.Column<long?>(type: "INTEGER", nullable: true),
                merged_into_id = table.Column<long?>(type: "INTEGER", nullable: true),
                merged_into_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                return_count = table.Column<int>(type: "INTEGER", nullable: false),
                reopen_count = table.Column<int>(type: "INTEGER", nullable: false),
                is_paused = table.Column<bool>(type: "INTEGER", nullable: false),
                pending_extension = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_incidents", x => x.id));
        migrationBuilder.CreateIndex("IX_incidents_number", "incidents", "number", unique: true);
        migrationBuilder.CreateIndex("IX_incidents_reported_utc", "incidents", "reported_utc");
        migrationBuilder.CreateIndex("IX_incidents_status_item_code", "incidents", ["status", "item_code"]);

        migrationBuilder.CreateTable(
            name: "incident_reports",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                incident_id = table.Column<long>(type: "INTEGER", nullable: false),
                source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                external_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                received_utc = table.Column<long>(type: "INTEGER", nullable: false),
                summary = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                payload_json = table.Column<string>(type: "TEXT", nullable: true),
                merged_from_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_incident_reports", x => x.id);
                table.ForeignKey("FK_incident_reports_incidents_incident_id", x => x.incident_id, "incidents", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_incident_reports_incident_id", "incident_reports", "incident_id");
        migrationBuilder.CreateIndex("IX_incident_reports_source_external_id", "incident_reports", ["source", "external_id"], unique: true);

        migrationBuilder.CreateTable(
            name: "incident_timeline",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                incident_id = table.Column<long>(type: "INTEGER", nullable: false),
                sequence = table.Column<int>(type: "INTEGER", nullable: false),
                at_utc = table.Column<long>(type: "INTEGER", nullable: false),
                actor_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                actor_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                actor_role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                from_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                to_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                detail_json = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_incident_timeline", x => x.id);
                table.ForeignKey("FK_incident_timeline_incidents_incident_id", x => x.incident_id, "incidents", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_incident_timeline_incident_id_sequence", "incident_timeline", ["incident_id", "sequence"], unique: true);

        migrationBuilder.CreateTable(
            name: "sla_clocks",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                incident_id = table.Column<long>(type: "INTEGER", nullable: false),
                stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                limit_amount = table.Column<int>(type: "INTEGER", nullable: false),
                limit_unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                started_utc = table.Column<long>(type: "INTEGER", nullable: false),
                due_utc = table.Column<long>(type: "INTEGER", nullable: false),
                budget = table.Column<long>(type: "INTEGER", nullable: false),
                paused_at_utc = table.Column<long?>(type: "INTEGER", nullable: true),
                total_paused = table.Column<long>(type: "INTEGER", nullable: false),
                extension_count = table.Column<int>(type: "INTEGER", nullable: false),
                completed_utc = table.Column<long?>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_sla_clocks", x => x.id);
                table.ForeignKey("FK_sla_clocks_incidents_incident_id", x => x.incident_id, "incidents", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_sla_clocks_due_utc", "sla_clocks", "due_utc");
        migrationBuilder.CreateIndex("IX_sla_clocks_incident_id", "sla_clocks", "incident_id");

        migrationBuilder.CreateTable(
            name: "quarantine",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                received_at_utc = table.Column<long>(type: "INTEGER", nullable: false),
                field = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                content_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                payload = table.Column<byte[]>(type: "BLOB", nullable: false),
                sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                remote_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_quarantine", x => x.id));
        migrationBuilder.CreateIndex("IX_quarantine_source_received_at_utc", "quarantine", ["source", "received_at_utc"]);

        migrationBuilder.CreateTable(
            name: "sensor_readings",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                device_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                observed_at_utc = table.Column<long>(type: "INTEGER", nullable: false),
                sequence = table.Column<long?>(type: "INTEGER", nullable: true),
                tilt_deg = table.Column<double?>(type: "REAL", nullable: true),
                open = table.Column<bool?>(type: "INTEGER", nullable: true),
                water_level_cm = table.Column<double?>(type: "REAL", nullable: true),
                pressure_mpa = table.Column<double?>(type: "REAL", nullable: true),
                tamper = table.Column<bool?>(type: "INTEGER", nullable: true),
                trapped = table.Column<bool?>(type: "INTEGER", nullable: true),
                fault = table.Column<bool?>(type: "INTEGER", nullable: true),
                smoke_obscuration = table.Column<double?>(type: "REAL", nullable: true),
                battery = table.Column<double?>(type: "REAL", nullable: true),
                pressed = table.Column<bool?>(type: "INTEGER", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_sensor_readings", x => x.id));
        migrationBuilder.CreateIndex("IX_sensor_readings_device_id_observed_at_utc", "sensor_readings", ["device_id", "observed_at_utc"], unique: true);

        migrationBuilder.CreateTable(
            name: "sensor_alarm_states",
            columns: table => new
            {
                device_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                alarm_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                is_raised = table.Column<bool>(type: "INTEGER", nullable: false),
                incident_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                last_value = table.Column<double?>(type: "REAL", nullable: true),
                changed_at_utc = table.Column<long?>(type: "INTEGER", nullable: true),
                raise_count = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_sensor_alarm_states", x => new { x.device_id, x.alarm_key }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("sensor_alarm_states");
        migrationBuilder.DropTable("sensor_readings");
        migrationBuilder.DropTable("quarantine");
        migrationBuilder.DropTable("sla_clocks");
        migrationBuilder.DropTable("incident_timeline");
        migrationBuilder.DropTable("incident_reports");
        migrationBuilder.DropTable("incidents");
    }
}
