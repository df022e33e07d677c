using Dashboard.Core.Geo;

namespace Dashboard.Core.Tests.Geo;

public class ChinaCoordinatesTests
{
    // Chancheng, near 祖庙 (Zumiao): inside the district box 113.03–113.16°E, 22.96–23.08°N.
    private static readonly LonLat Chancheng = new(113.12, 23.02);

    [Fact]
    public void Wgs84_to_gcj02_matches_the_published_reference_pair()
    {
        var gcj = ChinaCoordinates.Wgs84ToGcj02(116.404, 39.915);

        Assert.Equal(116.41024449916938, gcj.Lon, 1e-9);
        Assert.Equal(39.91640428150164, gcj.Lat, 1e-9);
    }

    [Fact]
    public void Exact_inverse_recovers_the_reference_wgs84_point_within_half_a_metre()
    {
        var wgs = ChinaCoordinates.Gcj02ToWgs84Exact(116.41024449916938, 39.91640428150164);

        Assert.True(ChinaCoordinates.DistanceMetres(wgs, new LonLat(116.404, 39.915)) < 0.5);
    }

    [Theory]
    [InlineData(113.12, 23.02)]
    [InlineData(113.03, 22.96)]
    [InlineData(113.16, 23.08)]
    [InlineData(116.404, 39.915)]
    [InlineData(121.47, 31.23)]
    [InlineData(87.62, 43.82)]
    public void Gcj02_round_trip_stays_within_half_a_metre(double lon, double lat)
    {
        var gcj = ChinaCoordinates.Wgs84ToGcj02(lon, lat);
        var back = ChinaCoordinates.ToWgs84(gcj.Lon, gcj.Lat, Crs.Gcj02);

        Assert.True(ChinaCoordinates.DistanceMetres(back, new LonLat(lon, lat)) < 0.5);
    }

    [Theory]
    [InlineData(113.12, 23.02)]
    [InlineData(113.05, 22.97)]
    [InlineData(116.404, 39.915)]
    public void Bd09_round_trip_stays_within_half_a_metre(double lon, double lat)
    {
        var bd = ChinaCoordinates.Wgs84ToBd09(lon, lat);
        var back = ChinaCoordinates.ToWgs84(bd.Lon, bd.Lat, Crs.Bd09);

        Assert.True(ChinaCoordinates.DistanceMetres(back, new LonLat(lon, lat)) < 0.5);
    }

    [Fact]
    public void Fast_inverse_is_within_a_few_metres_but_exact_is_closer()
    {
        var gcj = ChinaCoordinates.Wgs84ToGcj02(Chancheng.Lon, Chancheng.Lat);

        var fastError = ChinaCoordinates.DistanceMetres(ChinaCoordinates.Gcj02ToWgs84Fast(gcj.Lon, gcj.Lat), Chancheng);
        var exactError = ChinaCoordinates.DistanceMetres(ChinaCoordinates.Gcj02ToWgs84Exact(gcj.Lon, gcj.Lat), Chancheng);

        Assert.InRange(fastError, 0, 5);
        Assert.True(exactError < fastError);
        Assert.True(exactError < 0.05);
    }

    [Fact]
    public void A_chancheng_point_is_offset_about_630_metres_by_gcj02()
    {
        var gcj = ChinaCoordinates.Wgs84ToGcj02(Chancheng.Lon, Chancheng.Lat);

        Assert.InRange(ChinaCoordinates.DistanceMetres(gcj, Chancheng), 580, 680);
        Assert.InRange(gcj.Lon - Chancheng.Lon, 0.004, 0.007);
        Assert.InRange(gcj.Lat - Chancheng.Lat, -0.004, -0.001);
    }

    [Fact]
    public void A_chancheng_point_in_baidu_coordinates_is_more_than_a_kilometre_from_its_gps_position()
    {
        var bd = ChinaCoordinates.Wgs84ToBd09(Chancheng.Lon, Chancheng.Lat);

        Assert.InRange(ChinaCoordinates.DistanceMetres(bd, Chancheng), 1000, 1600);
    }

    [Theory]
    [InlineData(2.35, 48.85)]
    [InlineData(-122.42, 37.77)]
    [InlineData(151.2, -33.87)]
    [InlineData(139.9, 35.7)]
    public void Points_outside_china_are_not_shifted(double lon, double lat)
    {
        Assert.Equal(new LonLat(lon, lat), ChinaCoordinates.Wgs84ToGcj02(lon, lat));
        Assert.Equal(new LonLat(lon, lat), ChinaCoordinates.ToWgs84(lon, lat, Crs.Gcj02));
    }

    [Theory]
    [InlineData(Crs.Wgs84)]
    [InlineData(Crs.Cgcs2000)]
    public void Wgs84_and_cgcs2000_pass_through_unchanged(Crs crs)
    {
        Assert.Equal(Chancheng, ChinaCoordinates.ToWgs84(Chancheng.Lon, Chancheng.Lat, crs));
    }
}
