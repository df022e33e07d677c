using System.Globalization;
using Dashboard.Core.Geo;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Dashboard.City;

/// <summary>
/// <c>/api/city</c>: the boundary layers the map draws and point location (which grid is this?).
/// </summary>
public static class CityEndpoints
{
    public const string GeoJsonContentType = "application/geo+json";

    public static IEndpointRouteBuilder MapCityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/city").WithTags("City");
        group.MapGet("/district.geojson", (HttpContext http, ICityQuery city) => Layer(http, city, CityLayer.District));
        group.MapGet("/streets.geojson", (HttpContext http, ICityQuery city) => Layer(http, city, CityLayer.Streets));
        group.MapGet("/communities.geojson", (HttpContext http, ICityQuery city) => Layer(http, city, CityLayer.Communities));
        group.MapGet("/grids.geojson", (HttpContext http, ICityQuery city) => Layer(http, city, CityLayer.Grids));
        group.MapGet("/locate", Locate);
        return endpoints;
    }

    private static IResult Layer(HttpContext http, ICityQuery city, CityLayer layer)
    {
        var document = city.GetLayer(layer);
        var etag = new EntityTagHeaderValue(document.ETag);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        // Boundaries change only when the city model is reloaded: browsers may reuse them briefly and
        // then revalidate with the ETag (a 304 saves sending the 478 grids again).
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(5) };
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(document.Utf8Json, GeoJsonContentType);
    }

    /// <summary><c>GET /api/city/locate?lon=&amp;lat=[&amp;crs=wgs84|gcj02|bd09|cgcs2000]</c>.</summary>
    internal static Results<Ok<LocateResponse>, ProblemHttpResult, ValidationProblem> Locate(
        ICityQuery city, string? lon, string? lat, string? crs)
    {
        var errors = new Dictionary<string, string[]>();
        var longitude = ParseCoordinate(lon, "lon", -180, 180, errors);
        var latitude = ParseCoordinate(lat, "lat", -90, 90, errors);
        var system = ParseCrs(crs, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The point to locate is not valid.");
        }

        var wgs84 = ChinaCoordinates.ToWgs84(longitude, latitude, system);
        var location = city.Locate(wgs84.Lon, wgs84.Lat);
        if (location is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The point is outside the district.",
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"({longitude}, {latitude}) {system} is in no grid of {city.Overview.District.Name} ({city.Overview.District.Code})."));
        }

        return TypedResults.Ok(new LocateResponse(
            AreaDto.From(location.Street), AreaDto.From(location.Community), AreaDto.From(location.Grid),
            new PointDto(wgs84.Lon, wgs84.Lat)));
    }

    private static double ParseCoordinate(string? text, string name, double min, double max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [$"'{name}' is required (decimal degrees)."];
            return double.NaN;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors[name] = [$"'{name}' must be a number in decimal degrees, got '{text}'."];
            return double.NaN;
        }

        if (value < min || value > max)
        {
            errors[name] = [string.Create(CultureInfo.InvariantCulture, $"'{name}' must be between {min} and {max}, got {value}.")];
        }

        return value;
    }

    private static Crs ParseCrs(string? text, Dictionary<string, string[]> errors)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "wgs84" or "wgs-84" or "epsg:4326":
                return Crs.Wgs84;
            case "cgcs2000" or "epsg:4490":
                return Crs.Cgcs2000;
            case "gcj02" or "gcj-02":
                return Crs.Gcj02;
            case "bd09" or "bd-09" or "bd09ll":
                return Crs.Bd09;
            default:
                errors["crs"] = [$"'crs' must be one of wgs84, cgcs2000, gcj02, bd09; got '{text}'."];
                return Crs.Wgs84;
        }
    }
}

public sealed record AreaDto(string Code, string Name, string NameEn)
{
    public static AreaDto From(CityArea area) => new(area.Code, area.Name, area.NameEn);
}

public sealed record PointDto(double Lon, double Lat);

/// <summary>Answer of <c>/api/city/locate</c>; <c>point</c> is the located position in WGS-84.</summary>
public sealed record LocateResponse(AreaDto Street, AreaDto Community, AreaDto Grid, PointDto Point);
