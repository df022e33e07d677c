using System.Globalization;
using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.Core.Registry;
using Dashboard.Ingest.Pipeline;

namespace Dashboard.Ingest.Locating;

/// <summary>
/// Locates with the city's <see cref="GridIndex"/> and places cameras and sensors from the
/// <see cref="DeviceRegistry"/>. Cameras are known both by registry id and by the ISAPI identity the
/// parser gives them (<c>{device serial}/{channel}</c>).
/// </summary>
public sealed class CityPlaceLocator : IPlaceLocator
{
    private readonly GridIndex _grids;
    private readonly Dictionary<string, LonLat> _positions = new(StringComparer.OrdinalIgnoreCase);

    public CityPlaceLocator(GridIndex grids, DeviceRegistry? devices)
    {
        _grids = grids;
        var centre = grids.City.District.Boundary.Centroid;
        DistrictCentre = new LonLat(centre.X, centre.Y);
        foreach (var camera in devices?.Cameras ?? [])
        {
            _positions[camera.Id] = new LonLat(camera.Longitude, camera.Latitude);
            _positions[camera.IsapiDeviceSerial + "/" + camera.IsapiChannel.ToString(CultureInfo.InvariantCulture)] = new LonLat(camera.Longitude, camera.Latitude);
        }

        foreach (var sensor in devices?.Sensors ?? [])
        {
            _positions[sensor.Id] = new LonLat(sensor.Longitude, sensor.Latitude);
        }
    }

    public LonLat DistrictCentre { get; }

    public Place Locate(LonLat point)
    {
        var location = _grids.Locate(point.Lon, point.Lat);
        return location.IsInsideDistrict
            ? new Place(location.Street!.Code.Value, location.Community!.Code.Value, location.Grid!.Code.Value, location.Street.Name, false)
            : Place.Outside;
    }

    public LonLat? PositionOf(string deviceOrCameraId) => _positions.TryGetValue(deviceOrCameraId, out var p) ? p : null;
}
