using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;

namespace Dashboard.Ingest.Normalization;

/// <summary>A circle area (CAP circle). Radius 0 means the centre point only.</summary>
public sealed record CircleArea(LonLat Center, double RadiusMetres);

/// <summary>A closed ring (first point = last point) in WGS-84, longitude first.</summary>
public sealed record PolygonArea(IReadOnlyList<LonLat> Ring);

/// <summary>
/// Where an event happened, always in WGS-84. Either a point, or areas (CAP may send several polygons
/// and circles for one message). <see cref="OriginalCrs"/> and <see cref="OriginalPoint"/> keep what the
/// feed declared so an operator can see the conversion that was applied.
/// </summary>
public sealed record EventLocation
{
    public LonLat? Point { get; init; }

    public IReadOnlyList<PolygonArea> Polygons { get; init; } = [];

    public IReadOnlyList<CircleArea> Circles { get; init; } = [];

    public Crs OriginalCrs { get; init; } = Crs.Wgs84;

    public LonLat? OriginalPoint { get; init; }

    public bool HasGeometry => Point is not null || Polygons.Count > 0 || Circles.Count > 0;

    /// <summary>Converts a point declared in <paramref name="crs"/> and remembers the original.</summary>
    public static EventLocation FromPoint(double lon, double lat, Crs crs) => new()
    {
        Point = ChinaCoordinates.ToWgs84(lon, lat, crs),
        OriginalCrs = crs,
        OriginalPoint = new LonLat(lon, lat),
    };

    /// <summary>
    /// NetTopologySuite geometry for spatial lookups (SRID 4326): the point, or the polygons as a
    /// MultiPolygon; circles contribute their centres (the grid index locates by containment of a point).
    /// </summary>
    public Geometry ToGeometry(GeometryFactory factory)
    {
        if (Point is { } p)
        {
            return factory.CreatePoint(new Coordinate(p.Lon, p.Lat));
        }

        var parts = new List<Geometry>(Polygons.Count + Circles.Count);
        foreach (var polygon in Polygons)
        {
            var coordinates = new Coordinate[polygon.Ring.Count];
            for (var i = 0; i < coordinates.Length; i++)
            {
                coordinates[i] = new Coordinate(polygon.Ring[i].Lon, polygon.Ring[i].Lat);
            }

            parts.Add(factory.CreatePolygon(coordinates));
        }

        foreach (var circle in Circles)
        {
            parts.Add(factory.CreatePoint(new Coordinate(circle.Center.Lon, circle.Center.Lat)));
        }

        return parts.Count switch
        {
            0 => factory.CreateGeometryCollection(),
            1 => parts[0],
            _ => factory.BuildGeometry(parts),
        };
    }
}
