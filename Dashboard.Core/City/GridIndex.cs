using System.Diagnostics.CodeAnalysis;
using Dashboard.Core.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Dashboard.Core.City;

/// <summary>
/// Answers "which grid, community and street is this point in?" for every incident, camera event and
/// sensor alarm, without allocating.
/// </summary>
/// <remarks>
/// <para>
/// A uniform bucket grid over the district's bounding box lists, per bucket, the grids whose polygon meets
/// the bucket (in ascending code order). Buckets that lie wholly inside one grid answer at once; the others
/// run an exact ray-crossing test (NetTopologySuite's robust orientation predicate, the same one
/// <c>Geometry.Covers</c> uses) on each candidate. An STRtree query would allocate a result list per call;
/// this does not, and needs no locking: the index is immutable after construction.
/// </para>
/// <para>
/// Tie-break: a point on an edge or vertex shared by several grids belongs to the grid with the
/// <b>smallest code</b> among the grids that cover it (boundary included). A point on the district's outer
/// boundary is inside (its one grid covers it). A point that no grid covers, or NaN, gives
/// <see cref="GridLocation.OutsideDistrict"/>.
/// </para>
/// </remarks>
public sealed class GridIndex
{
    /// <summary>Buckets are widened by this much (degrees) when classified, so rounding in the bucket arithmetic never drops a candidate.</summary>
    private const double BucketSlack = 1e-9;

    private readonly GridLocation[] _locations;
    private readonly CellShape[] _shapes;
    private readonly double _minX, _minY, _maxX, _maxY, _scaleX, _scaleY;
    private readonly int _columns, _rows;

    // Per bucket: the one grid that properly contains it, or -1; otherwise its candidates in _candidates.
    private readonly int[] _wholeBucketOwner;
    private readonly int[] _candidateStart;
    private readonly int[] _candidates;

    /// <param name="city">The city whose grids to index.</param>
    /// <param name="bucketsPerSide">Resolution of the bucket grid; 128 gives ~100 m buckets for a 13 km district.</param>
    public GridIndex(CityMap city, int bucketsPerSide = 128)
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketsPerSide, 1);
        City = city;
        var grids = city.Grids; // ordered by code: candidate order is the tie-break order
        _locations = grids.Select(g => new GridLocation(g, city.GetCommunity(g.CommunityCode), city.GetStreet(g.StreetCode))).ToArray();
        _shapes = grids.Select(g => new CellShape(g.Boundary)).ToArray();

        var extent = new Envelope();
        foreach (var g in grids)
        {
            extent.ExpandToInclude(g.Boundary.EnvelopeInternal);
        }

        if (extent.IsNull)
        {
            extent = new Envelope(0, 0, 0, 0);
        }

        (_minX, _minY, _maxX, _maxY) = (extent.MinX, extent.MinY, extent.MaxX, extent.MaxY);
        _columns = _rows = bucketsPerSide;
        _scaleX = extent.Width > 0 ? _columns / extent.Width : 0;
        _scaleY = extent.Height > 0 ? _rows / extent.Height : 0;

        var tree = new STRtree<int>();
        var prepared = new IPreparedGeometry[grids.Count];
        for (var i = 0; i < grids.Count; i++)
        {
            prepared[i] = PreparedGeometryFactory.Prepare(grids[i].Boundary);
            tree.Insert(grids[i].Boundary.EnvelopeInternal, i);
        }

        _wholeBucketOwner = new int[_columns * _rows];
        _candidateStart = new int[(_columns * _rows) + 1];
        var candidates = new List<int>();
        var factory = GeoJson.Factory;
        for (var row = 0; row < _rows; row++)
        {
            for (var col = 0; col < _columns; col++)
            {
                var bucket = (row * _columns) + col;
                var rect = new Envelope(
                    _minX + (col * extent.Width / _columns) - BucketSlack,
                    _minX + ((col + 1) * extent.Width / _columns) + BucketSlack,
                    _minY + (row * extent.Height / _rows) - BucketSlack,
                    _minY + ((row + 1) * extent.Height / _rows) + BucketSlack);
                var rectGeometry = factory.ToGeometry(rect);
                var hits = tree.Query(rect).Where(i => prepared[i].Intersects(rectGeometry)).Order().ToList();
                _wholeBucketOwner[bucket] = hits.Count == 1 && prepared[hits[0]].ContainsProperly(rectGeometry) ? hits[0] : -1;
                _candidateStart[bucket] = candidates.Count;
                candidates.AddRange(hits);
            }
        }

        _candidateStart[^1] = candidates.Count;
        _candidates = candidates.ToArray();
    }

    public CityMap City { get; }

    /// <summary>The grid, community and street at a point; see the tie-break rule on <see cref="GridIndex"/>.</summary>
    public GridLocation Locate(GeoPoint point) => Locate(point.Longitude, point.Latitude);

    /// <summary>The grid, community and street at (longitude, latitude) in WGS-84/CGCS2000 degrees.</summary>
    public GridLocation Locate(double longitude, double latitude)
    {
        // Written so that NaN fails every comparison and lands outside.
        if (!(longitude >= _minX && longitude <= _maxX && latitude >= _minY && latitude <= _maxY))
        {
            return GridLocation.OutsideDistrict;
        }

        var col = Math.Min((int)((longitude - _minX) * _scaleX), _columns - 1);
        var row = Math.Min((int)((latitude - _minY) * _scaleY), _rows - 1);
        var bucket = (row * _columns) + col;
        var owner = _wholeBucketOwner[bucket];
        if (owner >= 0)
        {
            return _locations[owner];
        }

        for (var k = _candidateStart[bucket]; k < _candidateStart[bucket + 1]; k++)
        {
            var i = _candidates[k];
            if (_shapes[i].Covers(longitude, latitude))
            {
                return _locations[i];
            }
        }

        return GridLocation.OutsideDistrict;
    }

    /// <summary>The grid at a point, or false outside the district.</summary>
    public bool TryLocate(GeoPoint point, [MaybeNullWhen(false)] out GridCell grid)
    {
        var location = Locate(point);
        grid = location.Grid;
        return location.IsInsideDistrict;
    }

    /// <summary>A grid polygon flattened to arrays for an allocation-free point-in-polygon test.</summary>
    private sealed class CellShape
    {
        private readonly double _minX, _minY, _maxX, _maxY;

        // Per polygon part: its rings (shell first) as interleaved x,y, closed (last point = first).
        private readonly double[][][] _parts;

        public CellShape(Geometry boundary)
        {
            var env = boundary.EnvelopeInternal;
            (_minX, _minY, _maxX, _maxY) = (env.MinX, env.MinY, env.MaxX, env.MaxY);
            _parts = Enumerable.Range(0, boundary.NumGeometries)
                .Select(boundary.GetGeometryN)
                .OfType<Polygon>()
                .Select(p => new[] { p.Shell }.Concat(p.Holes).Select(Flatten).ToArray())
                .ToArray();
        }

        public bool Covers(double x, double y)
        {
            if (x < _minX || x > _maxX || y < _minY || y > _maxY)
            {
                return false;
            }

            foreach (var rings in _parts)
            {
                if (LocateInPolygon(rings, x, y) != Location.Exterior)
                {
                    return true;
                }
            }

            return false;
        }

        private static double[] Flatten(LineString ring)
        {
            var seq = ring.CoordinateSequence;
            var xy = new double[seq.Count * 2];
            for (var i = 0; i < seq.Count; i++)
            {
                xy[2 * i] = seq.GetX(i);
                xy[(2 * i) + 1] = seq.GetY(i);
            }

            return xy;
        }

        private static Location LocateInPolygon(double[][] rings, double x, double y)
        {
            var shell = LocateInRing(rings[0], x, y);
            if (shell != Location.Interior)
            {
                return shell;
            }

            for (var h = 1; h < rings.Length; h++)
            {
                var hole = LocateInRing(rings[h], x, y);
                if (hole == Location.Boundary)
                {
                    return Location.Boundary;
                }

                if (hole == Location.Interior)
                {
                    return Location.Exterior;
                }
            }

            return Location.Interior;
        }

        /// <summary>
        /// Ray crossing test with exact boundary detection, step for step the one in NetTopologySuite's
        /// RayCrossingCounter, so this index and <c>Geometry.Covers</c> agree on every edge and vertex.
        /// </summary>
        private static Location LocateInRing(double[] ring, double px, double py)
        {
            var crossings = 0;
            for (var i = 2; i + 1 < ring.Length; i += 2)
            {
                double x1 = ring[i - 2], y1 = ring[i - 1], x2 = ring[i], y2 = ring[i + 1];
                if (x1 < px && x2 < px)
                {
                    continue;
                }

                if (px == x2 && py == y2)
                {
                    return Location.Boundary;
                }

                if (y1 == py && y2 == py)
                {
                    var (minX, maxX) = x1 <= x2 ? (x1, x2) : (x2, x1);
                    if (px >= minX && px <= maxX)
                    {
                        return Location.Boundary;
                    }

                    continue;
                }

                if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py))
                {
                    var orientation = CGAlgorithmsDD.OrientationIndex(x1, y1, x2, y2, px, py);
                    if (orientation == 0)
                    {
                        return Location.Boundary;
                    }

                    if (y2 < y1)
                    {
                        orientation = -orientation;
                    }

                    if (orientation > 0)
                    {
                        crossings++;
                    }
                }
            }

            return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
        }
    }
}
