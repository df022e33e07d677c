using Dashboard.Core.Geo;
using Dashboard.Ingest.Normalization;
using Dashboard.Ingest.Pipeline;

namespace Dashboard.Ingest.Locating;

/// <summary>Where an event is pinned and what contains it; <see cref="IsEstimated"/> when no position came with it.</summary>
public sealed record Placement(LonLat Point, Place Place, bool IsEstimated);

public static class EventPlacement
{
    /// <summary>
    /// The event's own point; else the centre of its first area (CAP polygon or circle); else the registered
    /// position of its camera or device; else the district centre, unlocated (no grid), so it still reaches a person.
    /// </summary>
    public static Placement Place(NormalizedEvent e, IPlaceLocator locator)
    {
        var point = e.Location?.Point ?? AreaCentre(e.Location);
        if (point is null && e.CameraId is { } camera)
        {
            point = locator.PositionOf(camera);
        }

        if (point is null && e.DeviceId is { } device)
        {
            point = locator.PositionOf(device);
        }

        return point is { } p
            ? new Placement(p, locator.Locate(p), IsEstimated: false)
            : new Placement(locator.DistrictCentre, Pipeline.Place.Unlocated, IsEstimated: true);
    }

    private static LonLat? AreaCentre(EventLocation? location)
    {
        if (location is null)
        {
            return null;
        }

        if (location.Polygons.Count > 0)
        {
            // The ring repeats its first point at the end; counting it twice would pull the centre towards it.
            var ring = location.Polygons[0].Ring;
            var corners = ring.Count > 1 && ring[0] == ring[^1] ? ring.Take(ring.Count - 1).ToList() : [.. ring];
            return new LonLat(corners.Average(p => p.Lon), corners.Average(p => p.Lat));
        }

        return location.Circles.Count > 0 ? location.Circles[0].Center : null;
    }
}
