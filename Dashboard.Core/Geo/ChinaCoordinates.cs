namespace Dashboard.Core.Geo;

/// <summary>The coordinate reference system a feed declares for its longitude/latitude pairs.</summary>
public enum Crs
{
    /// <summary>GPS / OSM / GeoJSON, the canonical store CRS.</summary>
    Wgs84,

    /// <summary>China Geodetic Coordinate System 2000 (EPSG:4490); sub-metre from WGS-84 at dashboard scale.</summary>
    Cgcs2000,

    /// <summary>GCJ-02 火星坐标: AMap/高德, Tencent/腾讯 and other maps published in China.</summary>
    Gcj02,

    /// <summary>BD-09 (BD09LL, degrees): Baidu's second offset on top of GCJ-02.</summary>
    Bd09,
}

/// <summary>A longitude/latitude pair in degrees. Longitude first, like GeoJSON.</summary>
public readonly record struct LonLat(double Lon, double Lat);

/// <summary>
/// Conversions between the coordinate systems Chinese map providers use and WGS-84.
/// Re-implemented from the published description of the GCJ-02 obfuscation (DOMAIN.md §5):
/// a polynomial-plus-sines offset in metres, turned into degrees on the Krasovsky 1940 ellipsoid.
/// </summary>
public static class ChinaCoordinates
{
    // Krasovsky 1940: the ellipsoid GCJ-02's offset is expressed on, not WGS-84's.
    private const double SemiMajorAxis = 6378245.0;
    private const double EccentricitySquared = 0.00669342162296594323;
    private const double BaiduXPi = Math.PI * 3000.0 / 180.0;
    private const double ExactTolerance = 1e-7;
    private const int MaxIterations = 30;

    /// <summary>
    /// True where GCJ-02 applies. The offset is only imposed inside China; the common rectangle test
    /// is used (it includes neighbouring countries, which is harmless for a Foshan district).
    /// </summary>
    public static bool IsInsideChina(double lon, double lat) =>
        lon is >= 72.004 and <= 137.8347 && lat is >= 0.8293 and <= 55.8271;

    /// <summary>Converts a point declared in <paramref name="crs"/> to WGS-84 (exact inverse for GCJ-02 and BD-09).</summary>
    public static LonLat ToWgs84(double lon, double lat, Crs crs) => crs switch
    {
        Crs.Wgs84 or Crs.Cgcs2000 => new LonLat(lon, lat),
        Crs.Gcj02 => Gcj02ToWgs84Exact(lon, lat),
        Crs.Bd09 => Bd09ToWgs84(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(crs), crs, "Unknown coordinate system."),
    };

    /// <summary>Converts a WGS-84 point to the given CRS (for map layers that draw on Chinese tiles).</summary>
    public static LonLat FromWgs84(double lon, double lat, Crs crs) => crs switch
    {
        Crs.Wgs84 or Crs.Cgcs2000 => new LonLat(lon, lat),
        Crs.Gcj02 => Wgs84ToGcj02(lon, lat),
        Crs.Bd09 => Wgs84ToBd09(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(crs), crs, "Unknown coordinate system."),
    };

    public static LonLat Wgs84ToGcj02(double lon, double lat)
    {
        if (!IsInsideChina(lon, lat))
        {
            return new LonLat(lon, lat);
        }

        var (dLon, dLat) = Offset(lon, lat);
        return new LonLat(lon + dLon, lat + dLat);
    }

    /// <summary>
    /// Fast inverse: subtracts the offset computed at the GCJ-02 point itself. Off by 1–2 m because the
    /// offset varies slightly between the true and the obfuscated position.
    /// </summary>
    public static LonLat Gcj02ToWgs84Fast(double lon, double lat)
    {
        if (!IsInsideChina(lon, lat))
        {
            return new LonLat(lon, lat);
        }

        var (dLon, dLat) = Offset(lon, lat);
        return new LonLat(lon - dLon, lat - dLat);
    }

    /// <summary>
    /// Exact inverse: fixed-point iteration on the forward transform until the re-encoded point matches
    /// the input within 1e-7° (about 1 cm), at most 30 rounds.
    /// </summary>
    public static LonLat Gcj02ToWgs84Exact(double lon, double lat)
    {
        if (!IsInsideChina(lon, lat))
        {
            return new LonLat(lon, lat);
        }

        var guess = Gcj02ToWgs84Fast(lon, lat);
        for (var i = 0; i < MaxIterations; i++)
        {
            var encoded = Wgs84ToGcj02(guess.Lon, guess.Lat);
            var errLon = encoded.Lon - lon;
            var errLat = encoded.Lat - lat;
            if (Math.Abs(errLon) < ExactTolerance && Math.Abs(errLat) < ExactTolerance)
            {
                break;
            }

            guess = new LonLat(guess.Lon - errLon, guess.Lat - errLat);
        }

        return guess;
    }

    public static LonLat Gcj02ToBd09(double lon, double lat)
    {
        var z = Math.Sqrt((lon * lon) + (lat * lat)) + (0.00002 * Math.Sin(lat * BaiduXPi));
        var theta = Math.Atan2(lat, lon) + (0.000003 * Math.Cos(lon * BaiduXPi));
        return new LonLat((z * Math.Cos(theta)) + 0.0065, (z * Math.Sin(theta)) + 0.006);
    }

    public static LonLat Bd09ToGcj02(double lon, double lat)
    {
        var x = lon - 0.0065;
        var y = lat - 0.006;
        var z = Math.Sqrt((x * x) + (y * y)) - (0.00002 * Math.Sin(y * BaiduXPi));
        var theta = Math.Atan2(y, x) - (0.000003 * Math.Cos(x * BaiduXPi));
        return new LonLat(z * Math.Cos(theta), z * Math.Sin(theta));
    }

    public static LonLat Wgs84ToBd09(double lon, double lat)
    {
        var gcj = Wgs84ToGcj02(lon, lat);
        return Gcj02ToBd09(gcj.Lon, gcj.Lat);
    }

    public static LonLat Bd09ToWgs84(double lon, double lat)
    {
        var gcj = Bd09ToGcj02(lon, lat);
        return Gcj02ToWgs84Exact(gcj.Lon, gcj.Lat);
    }

    /// <summary>Great-circle distance in metres (haversine, mean Earth radius); good enough to measure offsets.</summary>
    public static double DistanceMetres(LonLat a, LonLat b)
    {
        const double EarthRadius = 6371008.8;
        var dLat = DegreesToRadians(b.Lat - a.Lat);
        var dLon = DegreesToRadians(b.Lon - a.Lon);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(DegreesToRadians(a.Lat)) * Math.Cos(DegreesToRadians(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static (double DLon, double DLat) Offset(double lon, double lat)
    {
        var x = lon - 105.0;
        var y = lat - 35.0;
        var dLat = RawLatitudeShift(x, y);
        var dLon = RawLongitudeShift(x, y);

        var phi = DegreesToRadians(lat);
        var sinPhi = Math.Sin(phi);
        var w = Math.Sqrt(1 - (EccentricitySquared * sinPhi * sinPhi));
        dLat = dLat * 180.0 / (Math.PI * SemiMajorAxis * (1 - EccentricitySquared) / (w * w * w));
        dLon = dLon * 180.0 / (Math.PI * SemiMajorAxis * Math.Cos(phi) / w);
        return (dLon, dLat);
    }

    private static double RawLatitudeShift(double x, double y)
    {
        var result = -100.0 + (2.0 * x) + (3.0 * y) + (0.2 * y * y) + (0.1 * x * y) + (0.2 * Math.Sqrt(Math.Abs(x)));
        result += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        result += ((20.0 * Math.Sin(y * Math.PI)) + (40.0 * Math.Sin(y / 3.0 * Math.PI))) * 2.0 / 3.0;
        result += ((160.0 * Math.Sin(y / 12.0 * Math.PI)) + (320.0 * Math.Sin(y * Math.PI / 30.0))) * 2.0 / 3.0;
        return result;
    }

    private static double RawLongitudeShift(double x, double y)
    {
        var result = 300.0 + x + (2.0 * y) + (0.1 * x * x) + (0.1 * x * y) + (0.1 * Math.Sqrt(Math.Abs(x)));
        result += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        result += ((20.0 * Math.Sin(x * Math.PI)) + (40.0 * Math.Sin(x / 3.0 * Math.PI))) * 2.0 / 3.0;
        result += ((150.0 * Math.Sin(x / 12.0 * Math.PI)) + (300.0 * Math.Sin(x / 30.0 * Math.PI))) * 2.0 / 3.0;
        return result;
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180.0;
}
