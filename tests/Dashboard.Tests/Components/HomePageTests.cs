using System.Net;

namespace Dashboard.Tests.Components;

public sealed class HomePageTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Home_page_is_in_Chinese_by_default_with_the_map_and_the_four_streets()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/");
        var page = await DashboardFactory.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("禅城区", page.QuerySelector(".brand-district")?.TextContent);
        var map = page.QuerySelector("[data-city-map]");
        Assert.NotNull(map);
        Assert.Equal("district:440604", map.GetAttribute("data-live-scope"));
        var streets = page.QuerySelectorAll(".street-list tbody tr").Select(row => row.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.Equal(["石湾镇街道", "张槎街道", "祖庙街道", "南庄镇"], streets);
        Assert.Equal("478", page.QuerySelectorAll(".street-list tfoot td")[1].TextContent);
        Assert.Contains("镇街", page.QuerySelector(".street-list h2")!.TextContent);
    }

    [Fact]
    public async Task Culture_query_switches_to_English_and_the_cookie_keeps_it_on_the_next_page()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var english = await client.GetAsync("/?culture=en");
        var page = await DashboardFactory.ParseAsync(english);
        var cookie = Assert.Single(english.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Zumiao", page.QuerySelector(".street-list")!.TextContent);
        Assert.Contains("Streets and towns", page.QuerySelector(".street-list h2")!.TextContent);

        using var next = new HttpRequestMessage(HttpMethod.Get, "/");
        next.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var remembered = await client.SendAsync(next);
        Assert.Equal("en", (await DashboardFactory.ParseAsync(remembered)).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Browser_language_alone_does_not_switch_away_from_Chinese()
    {
        using var client = factory.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Accept-Language", "en-US,en;q=0.9");

        using var response = await client.SendAsync(request);

        Assert.Equal("zh-CN", (await DashboardFactory.ParseAsync(response)).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Page_loads_our_client_bundle_and_not_the_Blazor_runtime()
    {
        using var client = factory.CreateBrowserLikeClient();
        var page = await DashboardFactory.ParseAsync(await client.GetAsync("/"));

        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.DoesNotContain(scripts, src => src.Contains("blazor", StringComparison.OrdinalIgnoreCase));
        var home = Assert.Single(scripts, src => src.StartsWith("dist/pages/home", StringComparison.Ordinal));
        Assert.Equal("module", page.QuerySelector("script[src]")!.GetAttribute("type"));

        using var bundle = await client.GetAsync("/" + home);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_page_answers_404_with_a_page_a_person_can_read()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", (await DashboardFactory.ParseAsync(response)).Body!.TextContent);
    }

    [Fact]
    public async Task Health_endpoint_reports_the_store_answering_with_the_city_loaded()
    {
        using var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        var store = health.RootElement.GetProperty("checks").GetProperty("store");
        Assert.Equal("Healthy", store.GetProperty("status").GetString());
        Assert.True(store.GetProperty("data").GetProperty("cityLoaded").GetBoolean());
    }
}
