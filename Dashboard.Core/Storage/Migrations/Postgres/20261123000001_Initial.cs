using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Dashboard.Core.Storage.Migrations.Postgres;

/// <summary>The first schema of the production store, written by hand (see docs/decisions/0002).</summary>
[DbContext(typeof(PostgresCityDbContext))]
[Migration("20261123000001_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "change_log",
            columns: table => new
            {
                sequence = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                at_utc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                entity_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                entity_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                grid_code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                payload = table.Column<string>(type: "text", nullable: false),
                is_critical = table.Column<bool>(type: "boolean", nullable: false),
                actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
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
