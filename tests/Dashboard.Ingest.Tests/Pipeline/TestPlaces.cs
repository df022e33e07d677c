using Dashboard.Core.Geo;
using Dashboard.Ingest.Locating;
using Dashboard.Ingest.Pipeline;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>
/// A stand-in for the city's grid index (branch city has not published GridIndex/TestCity yet): the district
/// is the box 113.02–113.17 E, 22.95–23.09 N, cut into 0.01° grid cells; west of 113.10 E is 张槎 (440604011),
/// east of it 祖庙 (440604012). Good enough to tell "inside, in this grid" from "outside".
/// </summary>
internal sealed class TestPlaces : IPlaceLocator
{
    public const string Zhangcha = "440604011";
    public const string Zumiao = "440604012";

    private readonly Dictionary<string, LonLat> _positions = new(StringComparer.Ordinal);

    public LonLat DistrictCentre { get; } = new(113.10, 23.02);

    public void Register(string deviceOrCameraId, LonLat position) => _positions[deviceOrCameraId] = position;

    public Place Locate(LonLat point)
    {
        if (point.Lon is < 113.02 or > 113.17 || point.Lat is < 22.95 or > 23.09)
        {
            return Place.Outside;
        }

        var street = point.Lon < 113.10 ? Zhangcha : Zumiao;
        return new Place(street, street + "001", GridOf(point), street == Zumiao ? "祖庙街道" : "张槎街道", false);
    }

    /// <summary>The grid code the box gives a point: community + 3-digit cell number.</summary>
    public static string GridOf(LonLat point)
    {
        var street = point.Lon < 113.10 ? Zhangcha : Zumiao;
        var column = (int)((point.Lon - 113.02) / 0.01);
        var row = (int)((point.Lat - 22.95) / 0.01);
        return street + "001" + ((row * 15) + column).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
    }

    public LonLat? PositionOf(string deviceOrCameraId) => _positions.TryGetValue(deviceOrCameraId, out var p) ? p : null;
}
