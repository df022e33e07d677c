using System.Net;
using Dashboard.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.EndToEnd.Tests;

/// <summary>
/// The real app on Kestrel at a free 127.0.0.1 port (a browser needs a socket, not TestServer).
/// Keyed on <see cref="App"/> because <c>Program</c> is ambiguous with Dashboard.Ingest's.
/// </summary>
public sealed class DashboardServer : WebApplicationFactory<App>
{
    private Uri? baseAddress;

    public DashboardServer()
        : this(NewDatabasePath(), port: 0)
    {
    }

    /// <summary>
    /// A server over a given SQLite file and port: a second instance on the same file and port, started after the
    /// first is disposed, is the same server restarted (what a browser left open sees during a deployment).
    /// Internal: xunit needs a class fixture to have a single public constructor.
    /// </summary>
    internal DashboardServer(string databasePath, int port)
    {
        DatabasePath = databasePath;
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    public string DatabasePath { get; }

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), $"citybrain-e2e-{Guid.NewGuid():N}.db");

    /// <summary>Starts the server on first use; e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress
    {
        get
        {
            if (baseAddress is null)
            {
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
                baseAddress = new Uri(addresses.First().TrimEnd('/') + "/");
            }

            return baseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // appsettings.json asks for localhost:5080; the test picks its own port above.
        builder.UseSetting("urls", "");
        builder.UseSetting("Store:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseEnvironment("Development");
        builder.UseSetting("Simulator:Enabled", "false");
    }
}
