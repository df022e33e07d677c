using AngleSharp;
using AngleSharp.Dom;
using Dashboard.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests;

/// <summary>
/// The whole app in memory (TestServer), its store seeded from the repository's assets folder.
/// One instance per test class (IClassFixture): start-up loads the city once.
/// Keyed on <see cref="App"/> rather than <c>Program</c>: Dashboard.Ingest's top-level Program is
/// public too (.NET 10 makes it so), so <c>Program</c> is ambiguous here; any type of the Dashboard
/// assembly leads the factory to the same entry point.
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<App>
{
    /// <summary>Each factory seeds its own throwaway SQLite store, never the demo's citybrain.db.</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), $"citybrain-web-{Guid.NewGuid():N}.db")}");
        builder.UseSetting("Simulator:Enabled", "false");
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html));
    }
}
