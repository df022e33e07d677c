using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Dashboard.Core.Storage.Migrations.Postgres;

/// <summary>
/// The per-day case-number counter: several ingest workers (and the heartbeat job) open incidents in one store, and
/// reading the day's highest number then counting on in memory let two processes hand out the same number.
/// The first allocation of a day seeds its row from the incidents already stored (see StoreIncidentNumbers).
/// And device_events: camera messages that are understood but open no incident (face captures, plate reads without a
/// violation, motion from unregistered cameras) are recorded there instead of being refused.
/// </summary>
[DbContext(typeof(PostgresCityDbContext))]
[Migration("20261129000001_Ingest")]
public sealed class Ingest : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "incident_number_days",
            columns: table => new
            {
                day = table.Column<int>(type: "integer", nullable: false),
                last_sequence = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_incident_number_days", x => x.day));

        migrationBuilder.CreateTable(
            name: "device_events",
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                external_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                device_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                channel = table.Column<int?>(type: "integer", nullable: true),
                event_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                occurred_at_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                received_at_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                reason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                detail_json = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_device_events", x => x.id));
        migrationBuilder.CreateIndex("IX_device_events_source_external_id", "device_events", ["source", "external_id"], unique: true);
        migrationBuilder.CreateIndex("IX_device_events_device_id_occurred_at_utc", "device_events", ["device_id", "occurred_at_utc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("device_events");
        migrationBuilder.DropTable("incident_number_days");
    }
}
