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
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

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
        builder.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), $"citybrain-e2e-{Guid.NewGuid():N}.db")}");
        builder.UseEnvironment("Development");
        builder.UseSetting("Simulator:Enabled", "false");
    }
}
