using System.Net;
using Dashboard.Components;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>
/// The real Dashboard app (its own Program.cs: store, ingest, live hub, wall, jobs) on Kestrel at a free 127.0.0.1
/// port, in the Production environment with warnings-only logging, over a throwaway SQLite file or a given
/// PostgreSQL database. Benchmarks change only what a load run must: demo feed keys, the per-key rate limit, the
/// simulator off, and whatever <paramref name="settings"/> adds.
/// </summary>
internal sealed class DashboardHost(string? postgres, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<App>
{
    private readonly string? _sqlitePath = postgres is null ? Path.Combine(Path.GetTempPath(), $"citybrain-bench-{Guid.NewGuid():N}.db") : null;
    private Uri? _baseAddress;

    public string StoreName => postgres is null ? "SQLite (temporary file, WAL)" : "PostgreSQL 15 (throwaway cluster, fsync=off)";

    /// <summary>Starts the server on first use, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress
    {
        get
        {
            if (_baseAddress is null)
            {
                UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
                _baseAddress = new Uri(addresses.First().TrimEnd('/') + "/");
            }

            return _baseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // The client bundle and CSS come from the build output's static web assets (Production serves only a
        // published app's otherwise); wall-apply's page needs Leaflet's stylesheet.
        builder.UseStaticWebAssets();
        builder.UseSetting("urls", "");
        builder.UseSetting("Store:Provider", postgres is null ? "Sqlite" : "Postgres");
        builder.UseSetting("Store:ConnectionString", postgres ?? StoreServiceCollectionExtensions.SqliteConnectionString(_sqlitePath!));
        builder.UseSetting("Store:AssetsPath", TestPaths.Assets);
        builder.UseSetting("Ingest:DemoKeys", "true");
        // The per-key limit (500 requests/s) protects a shared deployment; the load generator is one key.
        builder.UseSetting("Ingest:RequestsPerSecondPerKey", "1000000");
        builder.UseSetting("Simulator:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        // appsettings.json sets Information by category, which wins over SetMinimumLevel: override the category.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddConsole());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
