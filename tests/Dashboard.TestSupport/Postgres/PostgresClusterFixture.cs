namespace Dashboard.TestSupport.Postgres;

/// <summary>One cluster per test collection; each test creates its own database in it.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;
    private int _databases;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException(
        PostgresCluster.UnavailableReason ?? "The PostgreSQL cluster did not start.");

    /// <summary>A fresh, empty database with a unique name.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test") =>
        Cluster.CreateDatabaseAsync($"{prefix}_{Interlocked.Increment(ref _databases)}");

    public async Task InitializeAsync()
    {
        if (PostgresCluster.UnavailableReason is null)
        {
            _cluster = await PostgresCluster.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
