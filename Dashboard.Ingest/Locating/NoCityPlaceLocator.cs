using Dashboard.Core.Geo;
using Dashboard.Ingest.Pipeline;

namespace Dashboard.Ingest.Locating;

/// <summary>
/// Used until a city map is registered: every point is kept but left without a grid, so nothing is
/// wrongly flagged as outside the district. The Dashboard replaces it with the city's grid index.
/// </summary>
internal sealed class NoCityPlaceLocator : IPlaceLocator
{
    public LonLat DistrictCentre { get; } = new(113.1220, 23.0085);

    public Place Locate(LonLat point) => Place.Unlocated;

    public LonLat? PositionOf(string deviceOrCameraId) => null;
}
