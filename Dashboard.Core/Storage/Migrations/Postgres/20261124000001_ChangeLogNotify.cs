using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Storage.Migrations.Postgres;

/// <summary>
/// Every statement that appends to the change log sends <c>NOTIFY citybrain_changes</c>. PostgreSQL delivers it
/// only when the transaction commits (and folds repeats within one transaction), so a listening node reads the
/// log exactly when there is something new to read, whichever node or worker wrote it.
/// A trigger rather than an explicit NOTIFY in the writers: raw SQL, bulk loads and future writers are covered too.
/// </summary>
[DbContext(typeof(PostgresCityDbContext))]
[Migration("20261124000001_ChangeLogNotify")]
public sealed class ChangeLogNotify : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION citybrain_notify_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('citybrain_changes', '');
                RETURN NULL;
            END
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER change_log_notify AFTER INSERT ON change_log
            FOR EACH STATEMENT EXECUTE FUNCTION citybrain_notify_change_log();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS change_log_notify ON change_log;");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS citybrain_notify_change_log();");
    }
}
