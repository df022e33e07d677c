using System.Text.RegularExpressions;
using Dashboard.Core.Storage.Migrations.Postgres;
using Quartz;

namespace Dashboard.Tests.Jobs;

/// <summary>
/// The PostgreSQL migration carries Quartz's schema by hand, and Quartz only validates it at start (tables, and the
/// columns 4.x added), not column types. So the migration is held to the very script the referenced Quartz assembly
/// would run itself: a Quartz upgrade that changes its schema fails here, not at the first acquisition in production.
/// </summary>
public sealed partial class QuartzSchemaTests
{
    [Fact]
    public void The_quartz_migration_creates_exactly_the_schema_the_referenced_quartz_version_ships()
    {
        var shipped = ShippedPostgresStatements();

        Assert.Equal(shipped, QuartzJobStore.Statements.Select(Normalize));
        Assert.Contains(shipped, s => s.StartsWith("create table if not exists qrtz_job_details", StringComparison.Ordinal));
    }

    /// <summary>Quartz's embedded create_postgres.sql: statements separated by '--;;', '{0}'/'{1}' the table prefix.</summary>
    private static List<string> ShippedPostgresStatements()
    {
        var assembly = typeof(IScheduler).Assembly;
        var name = Assert.Single(assembly.GetManifestResourceNames(), n => n.EndsWith(".create_postgres.sql", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        return [.. StatementSeparator().Split(script).Skip(1)
            .Select(s => s.Replace("{0}", QuartzJobStore.TablePrefix, StringComparison.Ordinal).Replace("{1}", QuartzJobStore.TablePrefix, StringComparison.Ordinal))
            .Select(Normalize)
            .Where(s => s.Length > 0)];
    }

    /// <summary>Comments dropped, whitespace collapsed, lower case: the statement as the server parses it.</summary>
    private static string Normalize(string sql)
    {
        var lines = sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
        return Whitespace().Replace(string.Join(' ', lines), " ").Trim().ToLowerInvariant();
    }

    [GeneratedRegex("^--;;\r?$", RegexOptions.Multiline)]
    private static partial Regex StatementSeparator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
