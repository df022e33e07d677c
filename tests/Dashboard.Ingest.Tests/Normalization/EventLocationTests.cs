using Dashboard.Core.Geo;
using Dashboard.Ingest.Feeds.Cap;
using Dashboard.Ingest.Normalization;
using NetTopologySuite.Geometries;

namespace Dashboard.Ingest.Tests.Normalization;

public class EventLocationTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void Cap_polygon_becomes_a_geometry_containing_a_point_in_the_district()
    {
        var e = Assert.Single(new CapParser().Parse(Fixture.Bytes("Cap", "chancheng_rainstorm_red.xml")).Events);

        var geometry = e.Location!.ToGeometry(Factory);

        Assert.IsType<Polygon>(geometry);
        Assert.True(geometry.Contains(Factory.CreatePoint(new Coordinate(113.12, 23.02))));
        Assert.False(geometry.Contains(Factory.CreatePoint(new Coordinate(113.30, 23.02))));
    }

    [Fact]
    public void Converted_point_keeps_what_the_feed_declared()
    {
        var location = EventLocation.FromPoint(113.1197, 23.0333, Crs.Bd09);

        Assert.Equal(new LonLat(113.1197, 23.0333), location.OriginalPoint);
        Assert.Equal(Crs.Bd09, location.OriginalCrs);
        Assert.InRange(ChinaCoordinates.DistanceMetres(location.Point!.Value, location.OriginalPoint!.Value), 1000, 1600);
        Assert.IsType<Point>(location.ToGeometry(Factory));
    }

    [Fact]
    public void Cap_alert_inside_an_atom_entry_is_unwrapped_with_a_warning()
    {
        var alert = Fixture.Text("Cap", "appendix_a2_thunderstorm.xml").Replace("<?xml version = \"1.0\" encoding = \"UTF-8\"?>", "");
        var atom = $"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"text/xml\">{alert}</content></entry></feed>";

        var e = Assert.Single(new CapParser().Parse(Fixture.Utf8(atom)).Events);

        Assert.Equal("KSTO1055887203", e.ExternalId);
        Assert.Contains(e.Warnings, w => w.Contains("unwrapped", StringComparison.Ordinal));
    }
}
