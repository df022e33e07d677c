using Dashboard.Core.Geo;
using Dashboard.Ingest.Pipeline;

namespace Dashboard.Ingest.Locating;

/// <summary>
/// The city as the pipeline needs it: which grid, community and street contain a point, and where a
/// registered camera or device stands (for feeds that send no coordinates of their own).
/// </summary>
public interface IPlaceLocator
{
    /// <summary>The grid cell containing <paramref name="point"/> (WGS-84), or <see cref="Place.Outside"/>.</summary>
    Place Locate(LonLat point);

    /// <summary>Where a registered camera (<c>device/channel</c>) or sensor stands; null when it is not in the registry.</summary>
    LonLat? PositionOf(string deviceOrCameraId);

    /// <summary>A point to pin events that carry no position at all (text-only areas), so they still show on the map.</summary>
    LonLat DistrictCentre { get; }
}
