namespace Dashboard.TestSupport.Postgres;

/// <summary>
/// A fact that needs a PostgreSQL server. Skipped, with the reason, when the server binaries are absent;
/// a failure instead when <c>REQUIRE_POSTGRES=1</c> (CI installs PostgreSQL, so nothing is skipped there).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.UnavailableReason is { } reason && Environment.GetEnvironmentVariable("REQUIRE_POSTGRES") != "1")
        {
            Skip = reason;
        }
    }
}
