using System.Text.Json.Nodes;
using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Dashboard.Core.Tests.Geo;

public class GeoJsonTests
{
    private static readonly WKTReader Wkt = new(GeoJson.Factory.GeometryServices);

    [Theory]
    [InlineData("POINT (113.12 23.02)")]
    [InlineData("MULTIPOINT ((113.1 23), (113.2 23.1))")]
    [InlineData("LINESTRING (113.1 23, 113.2 23.1, 113.3 23)")]
    [InlineData("MULTILINESTRING ((113.1 23, 113.2 23.1), (113.3 23, 113.4 23.1))")]
    [InlineData("POLYGON ((113 23, 113.1 23, 113.1 23.1, 113 23.1, 113 23))")]
    [InlineData("POLYGON ((113 23, 113.1 23, 113.1 23.1, 113 23.1, 113 23), (113.02 23.02, 113.02 23.05, 113.05 23.05, 113.05 23.02, 113.02 23.02))")]
    [InlineData("MULTIPOLYGON (((113 23, 113.1 23, 113.1 23.1, 113 23.1, 113 23)), ((114 23, 114.1 23, 114.1 23.1, 114 23)))")]
    public void Geometry_survives_a_write_and_read(string wkt)
    {
        var geometry = Wkt.Read(wkt);

        var back = GeoJson.ReadGeometry(GeoJson.Write(geometry));

        Assert.Equal(geometry.GeometryType, back.GeometryType);
        Assert.True(geometry.EqualsTopologically(back), $"{geometry} came back as {back}");
    }

    [Fact]
    public void Coordinates_are_written_lon_lat_with_at_most_six_decimals()
    {
        var json = GeoJson.Write(GeoJson.Factory.CreatePoint(new Coordinate(113.123456789, 23.000000449)));

        Assert.Equal("""{"type":"Point","coordinates":[113.123457,23]}""", json);
    }

    [Fact]
    public void Polygon_shell_is_written_counter_clockwise_and_holes_clockwise()
    {
        var clockwise = Wkt.Read("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");

        var back = (Polygon)GeoJson.ReadGeometry(GeoJson.Write(clockwise));

        Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(back.Shell.CoordinateSequence));
        Assert.False(NetTopologySuite.Algorithm.Orientation.IsCCW(back.Holes[0].CoordinateSequence));
    }

    [Fact]
    public void Feature_collection_keeps_properties_ids_and_order()
    {
        var features = new[]
        {
            new GeoJsonFeature(Wkt.Read("POINT (113.1 23.0)"), new JsonObject { ["code"] = "440604010", ["name"] = "石湾镇街道", ["n"] = 3 }, "a"),
            new GeoJsonFeature(Wkt.Read("POLYGON ((113 23, 113.1 23, 113.1 23.1, 113 23))"), new JsonObject { ["tags"] = new JsonArray("x", "y") }),
        };

        var text = GeoJson.WriteFeatureCollection(features);
        var back = GeoJson.ReadFeatureCollection(text);

        Assert.Contains("石湾镇街道", text, StringComparison.Ordinal);
        Assert.Equal(2, back.Count);
        Assert.Equal("a", back[0].Id);
        Assert.Equal("石湾镇街道", back[0].GetString("name"));
        Assert.Equal(3, back[0].GetInt32("n"));
        Assert.Null(back[1].Id);
        Assert.Equal("""["x","y"]""", back[1].Properties["tags"]!.ToJsonString());
        Assert.True(features[1].Geometry.EqualsExact(back[1].Geometry));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("""{"coordinates":[1,2]}""", "$.type")]
    [InlineData("""{"type":"Circle","coordinates":[1,2]}""", "unknown or unsupported geometry type 'Circle'")]
    [InlineData("""{"type":"Point"}""", "needs a 'coordinates' array")]
    [InlineData("""{"type":"Point","coordinates":[113]}""", "needs [longitude, latitude]")]
    [InlineData("""{"type":"Point","coordinates":[113,"23"]}""", "$.coordinates[1]: expected a finite number")]
    [InlineData("""{"type":"Point","coordinates":[23.02,113.12]}""", "latitude 113.12 is outside")]
    [InlineData("""{"type":"LineString","coordinates":[[113,23]]}""", "needs at least 2 positions")]
    [InlineData("""{"type":"Polygon","coordinates":[[[113,23],[114,23],[114,24]]]}""", "$.coordinates[0]: needs at least 4 positions")]
    [InlineData("""{"type":"Polygon","coordinates":[[[113,23],[114,23],[114,24],[113,24]]]}""", "ring not closed")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""", "needs at least its exterior ring")]
    [InlineData("""{"type":"MultiPolygon","coordinates":[[[[113,23],[114,23],[114,24],[113,23]]],[[[113,23],[114,23]]]]}""", "$.coordinates[1][0]: needs at least 4")]
    [InlineData("""{"type":"GeometryCollection","geometries":[]}""", "GeometryCollection is not supported")]
    public void Malformed_geometry_is_rejected_naming_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<GeoJsonException>(() => GeoJson.ReadGeometry(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"Feature","properties":{}}""", "$.geometry: a Feature without geometry")]
    [InlineData("""{"type":"Feature","properties":[],"geometry":{"type":"Point","coordinates":[113,23]}}""", "$.properties: properties must be an object")]
    [InlineData("""{"type":"Point","coordinates":[113,23]}""", "expected 'Feature', found 'Point'")]
    public void Malformed_feature_is_rejected_naming_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<GeoJsonException>(() => GeoJson.ReadFeature(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_inside_a_collection_names_the_feature_index()
    {
        var json = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[113,23]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[113]}}]}""";

        var ex = Assert.Throws<GeoJsonException>(() => GeoJson.ReadFeatureCollection(json));

        Assert.StartsWith("$.features[1].geometry.coordinates", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.features[1].geometry.coordinates", ex.Path);
    }

    [Fact]
    public void Missing_property_is_reported_by_name()
    {
        var feature = new GeoJsonFeature(Wkt.Read("POINT (113 23)"), [], "f1");

        var ex = Assert.Throws<GeoJsonException>(() => feature.GetString("code"));

        Assert.Contains("'code'", ex.Message, StringComparison.Ordinal);
    }
}
