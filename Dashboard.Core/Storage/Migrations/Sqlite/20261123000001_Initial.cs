using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Storage.Migrations.Sqlite;

/// <summary>The first schema of the embedded store, written by hand (see docs/decisions/0002).</summary>
[DbContext(typeof(SqliteCityDbContext))]
[Migration("20261123000001_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "change_log",
            columns: table => new
            {
                sequence = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                at_utc = table.Column<long>(type: "INTEGER", nullable: false),
                kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                entity_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                entity_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                grid_code = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                payload = table.Column<string>(type: "TEXT", nullable: false),
                is_critical = table.Column<bool>(type: "INTEGER", nullable: false),
                actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_change_log", x => x.sequence));
        migrationBuilder.CreateIndex("IX_change_log_at_utc", "change_log", "at_utc");
        migrationBuilder.CreateIndex("IX_change_log_entity_type_entity_id_sequence", "change_log", ["entity_type", "entity_id", "sequence"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("change_log");
    }
}
