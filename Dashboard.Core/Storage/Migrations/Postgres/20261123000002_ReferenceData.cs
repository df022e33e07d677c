using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Storage.Migrations.Postgres;

/// <summary>
/// Reference data: the administrative hierarchy with boundaries, the catalog and departments, and the device
/// registry. Generated from one table list by tools/migration-spec/reference_data.py so both providers agree.
/// </summary>
[DbContext(typeof(PostgresCityDbContext))]
[Migration("20261123000002_ReferenceData")]
public sealed class ReferenceData : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "departments",
            columns: table => new
            {
                code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                name_en = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_departments", x => x.code);
            });

        migrationBuilder.CreateTable(
            name: "catalog_items",
            columns: table => new
            {
                code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                standard_code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                major_class_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                major_class_name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                minor_class_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                minor_class_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                name_en = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                department_codes = table.Column<string>(type: "text", nullable: false),
                tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                slas = table.Column<string>(type: "text", nullable: false),
                default_severity = table.Column<int>(type: "integer", nullable: false),
                is_on_the_spot = table.Column<bool>(type: "boolean", nullable: false),
                feed_keys = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_catalog_items", x => x.code);
            });
        migrationBuilder.CreateIndex("IX_catalog_items_standard_code", "catalog_items", "standard_code");

        migrationBuilder.CreateTable(
            name: "districts",
            columns: table => new
            {
                code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                name_en = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                boundary = table.Column<byte[]>(type: "bytea", nullable: false),
                min_lon = table.Column<double>(type: "double precision", nullable: false),
                min_lat = table.Column<double>(type: "double precision", nullable: false),
                max_lon = table.Column<double>(type: "double precision", nullable: false),
                max_lat = table.Column<double>(type: "double precision", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_districts", x => x.code);
            });

        migrationBuilder.CreateTable(
            name: "streets",
            columns: table => new
            {
                code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                name_en = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                boundary = table.Column<byte[]>(type: "bytea", nullable: false),
                min_lon = table.Column<double>(type: "double precision", nullable: false),
                min_lat = table.Column<double>(type: "double precision", nullable: false),
                max_lon = table.Column<double>(type: "double precision", nullable: false),
                max_lat = table.Column<double>(type: "double precision", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_streets", x => x.code);
            });

        migrationBuilder.CreateTable(
            name: "communities",
            columns: table => new
            {
                code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                name_en = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                boundary = table.Column<byte[]>(type: "bytea", nullable: false),
                min_lon = table.Column<double>(type: "double precision", nullable: false),
                min_lat = table.Column<double>(type: "double precision", nullable: false),
                max_lon = table.Column<double>(type: "double precision", nullable: false),
                max_lat = table.Column<double>(type: "double precision", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_communities", x => x.code);
                table.ForeignKey("FK_communities_streets_street_code", x => x.street_code, "streets", "code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_communities_street_code", "communities", "street_code");

        migrationBuilder.CreateTable(
            name: "grid_cells",
            columns: table => new
            {
                code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                community_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                street_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                name = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                name_en = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false),
                households = table.Column<int>(type: "integer", nullable: false),
                population = table.Column<int>(type: "integer", nullable: false),
                boundary = table.Column<byte[]>(type: "bytea", nullable: false),
                min_lon = table.Column<double>(type: "double precision", nullable: false),
                min_lat = table.Column<double>(type: "double precision", nullable: false),
                max_lon = table.Column<double>(type: "double precision", nullable: false),
                max_lat = table.Column<double>(type: "double precision", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_grid_cells", x => x.code);
                table.ForeignKey("FK_grid_cells_communities_community_code", x => x.community_code, "communities", "code", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_grid_cells_community_code", "grid_cells", "community_code");
        migrationBuilder.CreateIndex("IX_grid_cells_street_code", "grid_cells", "street_code");

        migrationBuilder.CreateTable(
            name: "enclaves",
            columns: table => new
            {
                id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                name_en = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                note = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                candidate_street_codes = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                boundary = table.Column<byte[]>(type: "bytea", nullable: false),
                min_lon = table.Column<double>(type: "double precision", nullable: false),
                min_lat = table.Column<double>(type: "double precision", nullable: false),
                max_lon = table.Column<double>(type: "double precision", nullable: false),
                max_lat = table.Column<double>(type: "double precision", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_enclaves", x => x.id);
            });

        migrationBuilder.CreateTable(
            name: "cameras",
            columns: table => new
            {
                id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                longitude = table.Column<double>(type: "double precision", nullable: false),
                latitude = table.Column<double>(type: "double precision", nullable: false),
                grid_code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                isapi_device_serial = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                isapi_channel = table.Column<int>(type: "integer", nullable: false),
                is_online = table.Column<bool>(type: "boolean", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_cameras", x => x.id);
            });
        migrationBuilder.CreateIndex("IX_cameras_grid_code", "cameras", "grid_code");
        migrationBuilder.CreateIndex("IX_cameras_isapi_device_serial_isapi_channel", "cameras", ["isapi_device_serial", "isapi_channel"], unique: true);

        migrationBuilder.CreateTable(
            name: "sensors",
            columns: table => new
            {
                id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                longitude = table.Column<double>(type: "double precision", nullable: false),
                latitude = table.Column<double>(type: "double precision", nullable: false),
                grid_code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                heartbeat_seconds = table.Column<long>(type: "bigint", nullable: false),
                thresholds = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_sensors", x => x.id);
            });
        migrationBuilder.CreateIndex("IX_sensors_grid_code", "sensors", "grid_code");

        migrationBuilder.CreateTable(
            name: "guard_posts",
            columns: table => new
            {
                id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                longitude = table.Column<double>(type: "double precision", nullable: false),
                latitude = table.Column<double>(type: "double precision", nullable: false),
                grid_code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_guard_posts", x => x.id);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("guard_posts");
        migrationBuilder.DropTable("sensors");
        migrationBuilder.DropTable("cameras");
        migrationBuilder.DropTable("enclaves");
        migrationBuilder.DropTable("grid_cells");
        migrationBuilder.DropTable("communities");
        migrationBuilder.DropTable("streets");
        migrationBuilder.DropTable("districts");
        migrationBuilder.DropTable("catalog_items");
        migrationBuilder.DropTable("departments");
    }
}
