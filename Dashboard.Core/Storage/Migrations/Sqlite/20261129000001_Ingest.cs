using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Storage.Migrations.Sqlite;

/// <summary>
/// The per-day case-number counter: several ingest workers (and the heartbeat job) open incidents in one store, and
/// reading the day's highest number then counting on in memory let two processes hand out the same number.
/// The first allocation of a day seeds its row from the incidents already stored (see StoreIncidentNumbers).
/// </summary>
[DbContext(typeof(SqliteCityDbContext))]
[Migration("20261129000001_Ingest")]
public sealed class Ingest : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "incident_number_days",
            columns: table => new
            {
                day = table.Column<int>(type: "INTEGER", nullable: false),
                last_sequence = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_incident_number_days", x => x.day));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("incident_number_days");
    }
}
