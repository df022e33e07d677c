using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Storage.Migrations.Sqlite;

/// <summary>
/// Joint triage (联合研判): rooms with their invitations and steps, the precedents rulings leave behind, and guest
/// links (only the token's SHA-256 is stored). Written from one table list for both providers.
/// </summary>
[DbContext(typeof(SqliteCityDbContext))]
[Migration("20261127000001_Triage")]
public sealed class Triage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "triage_rooms",
            columns: table => new
            {
                id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                incident_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                title = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                item_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                longitude = table.Column<double>(type: "REAL", nullable: false),
                latitude = table.Column<double>(type: "REAL", nullable: false),
                street_code = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                community_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                grid_code = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                chair_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                chair_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                chair_role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                ruling_tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                opened_utc = table.Column<long>(type: "INTEGER", nullable: false),
                closed_utc = table.Column<long?>(type: "INTEGER", nullable: true),
                video_url = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                owner_department_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                owner_tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                due_utc = table.Column<long?>(type: "INTEGER", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_triage_rooms", x => x.id));
        migrationBuilder.CreateIndex("IX_triage_rooms_incident_number", "triage_rooms", ["incident_number"]);
        migrationBuilder.CreateIndex("IX_triage_rooms_status_opened_utc", "triage_rooms", ["status", "opened_utc"]);

        migrationBuilder.CreateTable(
            name: "triage_room_invitations",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                room_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                invited_by_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                invited_utc = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_triage_room_invitations", x => x.id);
                table.ForeignKey("FK_triage_room_invitations_triage_rooms_room_id", x => x.room_id, "triage_rooms", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_triage_room_invitations_kind_code", "triage_room_invitations", ["kind", "code"]);
        migrationBuilder.CreateIndex("IX_triage_room_invitations_room_id_kind_code", "triage_room_invitations", ["room_id", "kind", "code"], unique: true);

        migrationBuilder.CreateTable(
            name: "triage_room_steps",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                room_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                sequence = table.Column<int>(type: "INTEGER", nullable: false),
                at_utc = table.Column<long>(type: "INTEGER", nullable: false),
                actor_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                actor_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                actor_role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                department_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                evidence_url = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                refers_to = table.Column<int?>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_triage_room_steps", x => x.id);
                table.ForeignKey("FK_triage_room_steps_triage_rooms_room_id", x => x.room_id, "triage_rooms", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_triage_room_steps_room_id_sequence", "triage_room_steps", ["room_id", "sequence"], unique: true);

        migrationBuilder.CreateTable(
            name: "triage_precedents",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                item_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                place_key = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                department_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                room_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                incident_number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                ruled_by_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                ruled_utc = table.Column<long>(type: "INTEGER", nullable: false),
                reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_triage_precedents", x => x.id));
        migrationBuilder.CreateIndex("IX_triage_precedents_item_code_place_key", "triage_precedents", ["item_code", "place_key"]);

        migrationBuilder.CreateTable(
            name: "triage_guest_links",
            columns: table => new
            {
                id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                room_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                label = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                issued_by_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                issued_utc = table.Column<long>(type: "INTEGER", nullable: false),
                expires_utc = table.Column<long>(type: "INTEGER", nullable: false),
                revoked_utc = table.Column<long?>(type: "INTEGER", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_triage_guest_links", x => x.id));
        migrationBuilder.CreateIndex("IX_triage_guest_links_token_hash", "triage_guest_links", ["token_hash"], unique: true);
        migrationBuilder.CreateIndex("IX_triage_guest_links_room_id", "triage_guest_links", ["room_id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("triage_guest_links");
        migrationBuilder.DropTable("triage_precedents");
        migrationBuilder.DropTable("triage_room_steps");
        migrationBuilder.DropTable("triage_room_invitations");
        migrationBuilder.DropTable("triage_rooms");
    }
}
