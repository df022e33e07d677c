using System.Net;

namespace Dashboard.Tests.Wall;

/// <summary>
/// Who may open the wall in a production run, where no screen is trusted for being local: only a configured
/// display token opens it, only for the token's scope, and a scope that does not parse is named as the problem.
/// </summary>
public sealed class WallAccessTests(ProductionWallFactory factory) : IClassFixture<ProductionWallFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var client = factory.CreatePlainClient();
        return await client.GetAsync(new Uri(path, UriKind.Relative));
    }

    [Fact]
    public async Task Without_a_token_the_wall_page_is_refused_with_a_page_saying_so()
    {
        var response = await GetAsync("/wall");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await DashboardFactory.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("[data-wall-denied]"));
        Assert.Null(page.QuerySelector("[data-wall]"));
    }

    [Fact]
    public async Task Without_a_token_the_snapshot_is_refused()
    {
        var response = await GetAsync($"/api/wall/snapshot?scope={WallFactory.DistrictScope}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_token_that_is_not_configured_opens_nothing()
    {
        var response = await GetAsync("/wall?token=" + WallFactory.DistrictToken.Replace("0001", "9999", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task With_a_configured_token_the_wall_opens_and_remembers_the_token_for_its_fetches()
    {
        var response = await GetAsync("/wall?token=" + WallFactory.DistrictToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await DashboardFactory.ParseAsync(response);
        Assert.Null(page.QuerySelector("[data-wall-denied]"));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wall_display=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var client = factory.CreatePlainClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/wall/snapshot", UriKind.Relative));
        request.Headers.Add("Cookie", "wall_display=" + WallFactory.DistrictToken);
        var snapshot = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
    }

    [Fact]
    public async Task A_street_token_opens_its_own_street_but_cannot_read_the_district_snapshot()
    {
        var own = await GetAsync($"/api/wall/snapshot?scope={WallFactory.StreetScope}&token={WallFactory.StreetToken}");
        var district = await GetAsync($"/api/wall/snapshot?scope={WallFactory.DistrictScope}&token={WallFactory.StreetToken}");
        var districtStats = await GetAsync($"/api/wall/stats?scope={WallFactory.DistrictScope}&token={WallFactory.StreetToken}");
        var otherStreet = await GetAsync($"/api/wall/snapshot?scope=street:440604011&token={WallFactory.StreetToken}");
        var districtPage = await GetAsync($"/wall?scope={WallFactory.DistrictScope}&token={WallFactory.StreetToken}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, district.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, districtStats.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherStreet.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, districtPage.StatusCode);
        Assert.Contains(WallFactory.StreetScope, await district.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("street:abc")]
    [InlineData("planet:1")]
    [InlineData("street")]
    public async Task A_malformed_scope_is_a_bad_request_that_names_the_scope(string scope)
    {
        var response = await GetAsync($"/api/wall/snapshot?scope={scope}&token={WallFactory.DistrictToken}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("scope", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
