using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Geo;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Tests.City;

public sealed class CityEndpointsTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const string Zumiao = "440604012";

    /// <summary>A point certainly inside one grid of 祖庙街道 (from the served grid layer), and that grid.</summary>
    private static async Task<(GeoJsonFeature Grid, double Lon, double Lat)> PointInZumiaoAsync(HttpClient client)
    {
        var grids = GeoJson.ReadFeatureCollection(await client.GetStringAsync("/api/city/grids.geojson"));
        var grid = grids.First(g => g.GetString("streetCode") == Zumiao);
        var inside = grid.Geometry.InteriorPoint;
        return (grid, inside.X, inside.Y);
    }

    [Fact]
    public async Task Point_in_Zumiao_is_located_in_its_grid_community_and_street()
    {
        using var client = factory.CreateClient();
        var (grid, lon, lat) = await PointInZumiaoAsync(client);

        var location = await client.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/city/locate?lon={lon}&lat={lat}"));

        Assert.Equal(Zumiao, location.GetProperty("street").GetProperty("code").GetString());
        Assert.Equal("祖庙街道", location.GetProperty("street").GetProperty("name").GetString());
        Assert.Equal(grid.GetString("communityCode"), location.GetProperty("community").GetProperty("code").GetString());
        Assert.Equal(grid.GetString("code"), location.GetProperty("grid").GetProperty("code").GetString());
        Assert.Equal(grid.GetString("name"), location.GetProperty("grid").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("gcj02")]
    [InlineData("bd09")]
    public async Task Point_from_a_Chinese_map_SDK_is_converted_before_it_is_located(string crs)
    {
        using var client = factory.CreateClient();
        var (grid, lon, lat) = await PointInZumiaoAsync(client);
        var shifted = ChinaCoordinates.FromWgs84(lon, lat, crs == "gcj02" ? Crs.Gcj02 : Crs.Bd09);

        var location = await client.GetFromJsonAsync<JsonElement>(
            FormattableString.Invariant($"/api/city/locate?lon={shifted.Lon}&lat={shifted.Lat}&crs={crs}"));

        Assert.Equal(grid.GetString("code"), location.GetProperty("grid").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Point_outside_the_district_is_404_saying_so()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/city/locate?lon=116.404&lat=39.915");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("outside the district", problem!.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lon=abc&lat=23.02", "lon")]
    [InlineData("lon=113.1", "lat")]
    [InlineData("lon=113.1&lat=123", "lat")]
    [InlineData("lon=113.1&lat=23.02&crs=utm50", "crs")]
    public async Task Bad_point_is_400_naming_the_parameter(string query, string parameter)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/city/locate?" + query);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([parameter], problem!.Errors.Keys);
    }

    [Fact]
    public async Task Grid_layer_has_all_478_grids_as_geojson()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/city/grids.geojson");
        var grids = GeoJson.ReadFeatureCollection(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(478, grids.Count);
        Assert.All(grids, g => Assert.Matches("^440604[0-9]{9}$", g.GetString("code")));
    }

    [Theory]
    [InlineData("district", 1)]
    [InlineData("streets", 4)]
    public async Task Boundary_layers_hold_the_district_and_its_streets(string layer, int features)
    {
        using var client = factory.CreateClient();

        var json = await client.GetStringAsync($"/api/city/{layer}.geojson");

        Assert.Equal(features, GeoJson.ReadFeatureCollection(json).Count);
    }

    [Fact]
    public async Task Unchanged_layer_is_revalidated_with_its_etag_and_not_sent_again()
    {
        using var client = factory.CreateClient();
        using var first = await client.GetAsync("/api/city/streets.geojson");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/city/streets.geojson");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
