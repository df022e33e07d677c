using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Core.Storage;
using Dashboard.Live;
using Dashboard.TestSupport.SignalR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Live;

/// <summary>
/// The live path hosted on Kestrel at a loopback port, over a real store: what a browser talks to, minus the
/// pages. Requests may carry <c>X-Test-Scopes</c> (comma-separated) to act as a signed-in user with those scope claims.
/// </summary>
internal sealed class LiveTestServer : IAsyncDisposable
{
    public const string ScopesHeader = "X-Test-Scopes";

    private readonly WebApplication _app;

    private LiveTestServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public Uri HubUrl => new(BaseUrl, LiveEndpoints.HubPath);

    public IDbContextFactory<CityDbContext> Contexts => _app.Services.GetRequiredService<IDbContextFactory<CityDbContext>>();

    public static Task<LiveTestServer> StartSqliteAsync(string path, IDictionary<string, string?>? live = null, int port = 0) =>
        StartAsync(StoreProvider.Sqlite, StoreServiceCollectionExtensions.SqliteConnectionString(path), live, port);

    public static async Task<LiveTestServer> StartAsync(StoreProvider provider, string connectionString, IDictionary<string, string?>? live = null, int port = 0)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = provider.ToString(),
            ["Store:ConnectionString"] = connectionString,
            ["Store:AssetsPath"] = Dashboard.TestSupport.TestPaths.Assets,
            ["Live:BatchIntervalMs"] = "50",
        };
        foreach (var (key, value) in live ?? new Dictionary<string, string?>())
        {
            settings["Live:" + key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddAuthentication(TestScopesHandler.Name)
            .AddScheme<AuthenticationSchemeOptions, TestScopesHandler>(TestScopesHandler.Name, null);
        builder.Services.AddCityStore(builder.Configuration);
        builder.Services.AddLive();

        var app = builder.Build();
        app.UseAuthentication();
        app.MapLive();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveTestServer(app, new Uri(address).Port);
    }

    public Task<SignalRJsonClient> ConnectAsync(params string[] scopeClaims) =>
        SignalRJsonClient.ConnectAsync(HubUrl, scopeClaims.Length == 0 ? null : new Dictionary<string, string> { [ScopesHeader] = string.Join(',', scopeClaims) });

    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped by the test.
        }
    }

    /// <summary>Signs the request in as a user with the scope claims listed in <see cref="ScopesHeader"/>.</summary>
    private sealed class TestScopesHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestScopes";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(ScopesHeader, out var header))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var claims = header.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => new Claim(DemoLiveScopeAuthorizer.ScopeClaimType, s))
                .Append(new Claim(ClaimTypes.Name, "director"));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Name));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Name)));
        }
    }
}

/// <summary>Reads the wire shapes of the live protocol in tests.</summary>
internal static class LiveWire
{
    public static long[] Seqs(this System.Text.Json.JsonElement batchOrCatchup) =>
        batchOrCatchup.GetProperty("deltas").EnumerateArray().Select(d => d.GetProperty("seq").GetInt64()).ToArray();

    public static long Long(this System.Text.Json.JsonElement element, string name) => element.GetProperty(name).GetInt64();

    public static string Text(this System.Text.Json.JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
