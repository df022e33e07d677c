using Dashboard.Core.Geo;

namespace Dashboard.Core.Registry;

/// <summary>An item found near a point, with its great-circle distance.</summary>
public readonly record struct Nearby<T>(T Item, double DistanceMetres);

/// <summary>
/// Nearest-neighbour search over fixed positions (cameras, sensors, guard posts): "which cameras can see
/// this incident?", "which guard post is closest?". Distances are haversine metres; results are sorted by
/// distance, ties in the order the items were given. Immutable after construction, so thread-safe.
/// </summary>
public sealed class NearbyIndex<T>
    where T : ILocated
{
    /// <summary>About 250 m: a typical query radius (100–1000 m) touches a handful of buckets.</summary>
    private const double BucketDegrees = 0.0025;

    private readonly T[] _items;
    private readonly double[] _lon;
    private readonly double[] _lat;
    private readonly double _minX, _minY;
    private readonly int _columns, _rows;
    private readonly int[] _bucketStart;
    private readonly int[] _bucketItems;

    public NearbyIndex(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
        _lon = _items.Select(i => i.Location.Longitude).ToArray();
        _lat = _items.Select(i => i.Location.Latitude).ToArray();
        for (var i = 0; i < _items.Length; i++)
        {
            if (!double.IsFinite(_lon[i]) || !double.IsFinite(_lat[i]))
            {
                throw new ArgumentException($"item {_items[i].Id} has no finite position", nameof(items));
            }
        }

        _minX = _items.Length > 0 ? _lon.Min() : 0;
        _minY = _items.Length > 0 ? _lat.Min() : 0;
        _columns = _items.Length > 0 ? (int)((_lon.Max() - _minX) / BucketDegrees) + 1 : 1;
        _rows = _items.Length > 0 ? (int)((_lat.Max() - _minY) / BucketDegrees) + 1 : 1;

        // Counting sort of items into buckets (compressed rows), item order kept within a bucket.
        var bucketOf = new int[_items.Length];
        _bucketStart = new int[(_columns * _rows) + 1];
        for (var i = 0; i < _items.Length; i++)
        {
            bucketOf[i] = Bucket(Column(_lon[i]), Row(_lat[i]));
            _bucketStart[bucketOf[i] + 1]++;
        }

        for (var b = 0; b < _columns * _rows; b++)
        {
            _bucketStart[b + 1] += _bucketStart[b];
        }

        _bucketItems = new int[_items.Length];
        var fill = (int[])_bucketStart.Clone();
        for (var i = 0; i < _items.Length; i++)
        {
            _bucketItems[fill[bucketOf[i]]++] = i;
        }
    }

    public int Count => _items.Length;

    /// <summary>Items within <paramref name="radiusMetres"/> of <paramref name="centre"/>, nearest first.</summary>
    /// <param name="centre">Query point.</param>
    /// <param name="radiusMetres">Search radius in metres (inclusive).</param>
    /// <param name="maxResults">At most this many of the nearest are returned.</param>
    public IReadOnlyList<Nearby<T>> Within(GeoPoint centre, double radiusMetres, int maxResults = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radiusMetres);
        ArgumentOutOfRangeException.ThrowIfNegative(maxResults);
        if (!double.IsFinite(centre.Longitude) || !double.IsFinite(centre.Latitude))
        {
            throw new ArgumentException($"query point {centre} is not a finite position", nameof(centre));
        }

        if (_items.Length == 0 || maxResults == 0)
        {
            return [];
        }

        // Degree box that surely holds the circle: 1 % slack covers the haversine/equirectangular gap.
        var dLat = GeoMath.MetresToLatitudeDegrees(radiusMetres) * 1.01;
        var farthestLat = Math.Min(89.0, Math.Abs(centre.Latitude) + dLat);
        var dLon = dLat / Math.Cos(farthestLat * Math.PI / 180);
        int c0 = Column(centre.Longitude - dLon), c1 = Column(centre.Longitude + dLon);
        int r0 = Row(centre.Latitude - dLat), r1 = Row(centre.Latitude + dLat);

        var found = new List<(double Distance, int Index)>();
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                var b = Bucket(c, r);
                for (var k = _bucketStart[b]; k < _bucketStart[b + 1]; k++)
                {
                    var i = _bucketItems[k];
                    var d = GeoMath.DistanceMetres(centre.Longitude, centre.Latitude, _lon[i], _lat[i]);
                    if (d <= radiusMetres)
                    {
                        found.Add((d, i));
                    }
                }
            }
        }

        found.Sort();
        var count = Math.Min(found.Count, maxResults);
        var result = new Nearby<T>[count];
        for (var k = 0; k < count; k++)
        {
            result[k] = new Nearby<T>(_items[found[k].Index], found[k].Distance);
        }

        return result;
    }

    /// <summary>The nearest item within <paramref name="radiusMetres"/>, or null when there is none.</summary>
    public Nearby<T>? Nearest(GeoPoint centre, double radiusMetres)
    {
        var hits = Within(centre, radiusMetres, 1);
        return hits.Count == 0 ? null : hits[0];
    }

    private int Column(double lon) => Math.Clamp((int)Math.Floor((lon - _minX) / BucketDegrees), 0, _columns - 1);

    private int Row(double lat) => Math.Clamp((int)Math.Floor((lat - _minY) / BucketDegrees), 0, _rows - 1);

    private int Bucket(int column, int row) => (row * _columns) + column;
}
