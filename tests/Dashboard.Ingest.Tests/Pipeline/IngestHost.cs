using System.Net.Http.Headers;
using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Storage;
using Dashboard.Ingest.Apis;
using Dashboard.Ingest.Locating;
using Dashboard.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>
/// The feed endpoints hosted the way a deployment hosts them (AddCityStore + AddIngest + MapFeeds) on Kestrel at
/// 127.0.0.1 with a temporary SQLite file (or a given PostgreSQL database), the test catalog and the seeded city.
/// </summary>
internal sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _sqlitePath;

    private IngestHost(WebApplication app, string? sqlitePath)
    {
        _app = app;
        _sqlitePath = sqlitePath;
    }

    /// <summary>A client of the started host that sends the demo key.</summary>
    public HttpClient Client => _client ??= ClientWithKey(IngestOptions.DemoKey);

    private HttpClient? _client;
    private bool _started;

    private Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>The clock the pipeline runs on: the morning the fixtures' messages were sent (08:30 in Foshan).</summary>
    public static DateTimeOffset Now { get; } = new(2025, 3, 5, 0, 30, 0, TimeSpan.Zero);


    public IServiceProvider Services => _app.Services;

    public string? SqlitePath => _sqlitePath;

    public static async Task<IngestHost> StartAsync(Dictionary<string, string?>? settings = null, string? postgresConnectionString = null)
    {
        var sqlitePath = postgresConnectionString is null ? Path.Combine(Path.GetTempPath(), $"citybrain-ingest-{Guid.NewGuid():N}.db") : null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>
        {
            ["Store:Provider"] = postgresConnectionString is null ? "Sqlite" : "Postgres",
            ["Store:ConnectionString"] = postgresConnectionString ?? StoreServiceCollectionExtensions.SqliteConnectionString(sqlitePath!),
            ["Store:AssetsPath"] = TestPaths.Assets,
            ["Ingest:DemoKeys"] = "true",
        };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(10) });
        builder.Services.AddCityStore(builder.Configuration);
        builder.Services.AddSingleton<InspectionCatalog>(TestCatalog.Create());
        builder.Services.AddIngest(builder.Configuration);
        var app = builder.Build();
        var host = new IngestHost(app, sqlitePath);
        try
        {
            app.MapFeeds();
            await app.StartAsync();
            host._started = true;
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(FeedEndpoints.ApiKeyHeader, key);
        }

        return client;
    }

    public static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_started)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
