using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Storage.Migrations.Sqlite;

/// <summary>
/// The rollups' count of cases handled on the spot (自处置, <c>handled_on_the_spot</c>, part of <c>closed</c>;
/// existing rows read 0 until their day is rebuilt). The PostgreSQL migration of the same id also creates Quartz's
/// job store; SQLite runs Quartz in memory, so it has no qrtz_* tables.
/// </summary>
[DbContext(typeof(SqliteCityDbContext))]
[Migration("20261128000001_Quartz")]
public sealed class QuartzJobStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "rollup_hourly", "rollup_daily" })
        {
            migrationBuilder.AddColumn<int>("handled_on_the_spot", table, type: "INTEGER", nullable: false, defaultValue: 0);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("handled_on_the_spot", "rollup_daily");
        migrationBuilder.DropColumn("handled_on_the_spot", "rollup_hourly");
    }
}
