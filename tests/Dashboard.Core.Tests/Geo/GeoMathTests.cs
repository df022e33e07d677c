using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;

namespace Dashboard.Core.Tests.Geo;

public class GeoMathTests
{
    [Fact]
    public void One_degree_of_latitude_is_about_111_km()
    {
        Assert.Equal(111_195, GeoMath.DistanceMetres(113, 23, 113, 24), 0);
    }

    [Fact]
    public void Area_of_a_small_cell_matches_its_metric_size()
    {
        // 0.01° × 0.01° at 23°N: 1111.95 m × (1111.95 m · cos 23°) ≈ 1.138 km².
        var cell = GeoJson.Factory.ToGeometry(new Envelope(113.10, 113.11, 23.00, 23.01));

        Assert.InRange(GeoMath.AreaSquareMetres(cell), 1_137_000, 1_139_000);
    }
}
