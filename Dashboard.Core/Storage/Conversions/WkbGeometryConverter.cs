using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Dashboard.Core.Storage.Conversions;

/// <summary>
/// Stores NetTopologySuite geometry as WKB (no EF spatial plugin restores here). Spatial questions are
/// answered in process by the city's indexes; the database keeps the shape plus bounding-box columns.
/// </summary>
public sealed class WkbGeometryConverter() : ValueConverter<Geometry, byte[]>(
    geometry => Write(geometry),
    bytes => Read(bytes))
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static byte[] Write(Geometry geometry) => new WKBWriter().Write(geometry);

    private static Geometry Read(byte[] bytes)
    {
        var geometry = new WKBReader(NetTopologySuite.NtsGeometryServices.Instance).Read(bytes);
        geometry.SRID = Factory.SRID;
        return geometry;
    }
}

/// <summary>Geometries are compared by shape, so a reloaded boundary is not seen as modified.</summary>
public sealed class GeometryComparer() : ValueComparer<Geometry>(
    (a, b) => a == null ? b == null : b != null && a.EqualsExact(b),
    g => g.GetHashCode(),
    g => g.Copy());
