using Dashboard.Core.City;
using Dashboard.Core.Geo;

namespace Dashboard.Core.Registry;

/// <summary>Something with an id and a fixed position: what <see cref="NearbyIndex{T}"/> can search.</summary>
public interface ILocated
{
    string Id { get; }

    GeoPoint Location { get; }
}

/// <summary>What a camera watches; decides which video-AI events it is expected to raise.</summary>
public enum CameraKind
{
    Street,
    Community,
    River,
    Traffic,
}

/// <summary>A video camera (视频监控), reached through a Hikvision ISAPI recorder channel.</summary>
public sealed class Camera : ILocated
{
    public Camera(string id, string name, CameraKind kind, GeoPoint location, GridCode gridCode, string isapiDeviceSerial, int isapiChannel, bool isOnline)
    {
        Id = District.RequireText(id, nameof(id));
        Name = District.RequireText(name, nameof(name));
        Kind = kind;
        Longitude = location.Longitude;
        Latitude = location.Latitude;
        GridCode = gridCode;
        IsapiDeviceSerial = District.RequireText(isapiDeviceSerial, nameof(isapiDeviceSerial));
        IsapiChannel = isapiChannel > 0 ? isapiChannel : throw new ArgumentOutOfRangeException(nameof(isapiChannel), isapiChannel, "ISAPI channels start at 1");
        IsOnline = isOnline;
    }

    private Camera()
    {
        Id = Name = IsapiDeviceSerial = string.Empty;
    }

    public string Id { get; private set; }

    public string Name { get; private set; }

    public CameraKind Kind { get; private set; }

    public double Longitude { get; private set; }

    public double Latitude { get; private set; }

    public GeoPoint Location => new(Longitude, Latitude);

    public GridCode GridCode { get; private set; }

    public string IsapiDeviceSerial { get; private set; }

    public int IsapiChannel { get; private set; }

    public bool IsOnline { get; private set; }
}

/// <summary>Kinds of IoT sensor in the registry.</summary>
public enum SensorKind
{
    /// <summary>智能井盖 smart manhole cover.</summary>
    ManholeCover,

    /// <summary>消火栓 fire hydrant.</summary>
    Hydrant,

    /// <summary>电梯 elevator monitor.</summary>
    Elevator,

    /// <summary>内涝水位 flood water-level gauge.</summary>
    WaterLevel,

    /// <summary>烟感 smoke detector.</summary>
    Smoke,

    /// <summary>一键呼叫 elderly one-key-call button.</summary>
    ElderlyCall,
}

/// <summary>An IoT sensor: expected heartbeat and alarm thresholds come from its kind.</summary>
public sealed class Sensor : ILocated
{
    private readonly Dictionary<string, double> _thresholds;

    public Sensor(string id, SensorKind kind, string name, GeoPoint location, GridCode gridCode, TimeSpan heartbeatInterval, IReadOnlyDictionary<string, double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        Id = District.RequireText(id, nameof(id));
        Kind = kind;
        Name = District.RequireText(name, nameof(name));
        Longitude = location.Longitude;
        Latitude = location.Latitude;
        GridCode = gridCode;
        HeartbeatInterval = heartbeatInterval > TimeSpan.Zero
            ? heartbeatInterval
            : throw new ArgumentOutOfRangeException(nameof(heartbeatInterval), heartbeatInterval, "heartbeat interval must be positive");
        _thresholds = new Dictionary<string, double>(thresholds, StringComparer.Ordinal);
    }

    private Sensor()
    {
        Id = Name = string.Empty;
        _thresholds = [];
    }

    public string Id { get; private set; }

    public SensorKind Kind { get; private set; }

    public string Name { get; private set; }

    public double Longitude { get; private set; }

    public double Latitude { get; private set; }

    public GeoPoint Location => new(Longitude, Latitude);

    public GridCode GridCode { get; private set; }

    /// <summary>How often the device reports when healthy; silence for longer means it is offline.</summary>
    public TimeSpan HeartbeatInterval { get; private set; }

    /// <summary>Alarm thresholds by name, e.g. <c>tiltDegrees</c> = 15 for a manhole cover.</summary>
    public IReadOnlyDictionary<string, double> Thresholds => _thresholds;
}

/// <summary>A guard post (治安岗亭) staffed by patrols.</summary>
public sealed class GuardPost : ILocated
{
    public GuardPost(string id, string name, GeoPoint location, GridCode gridCode)
    {
        Id = District.RequireText(id, nameof(id));
        Name = District.RequireText(name, nameof(name));
        Longitude = location.Longitude;
        Latitude = location.Latitude;
        GridCode = gridCode;
    }

    private GuardPost()
    {
        Id = Name = string.Empty;
    }

    public string Id { get; private set; }

    public string Name { get; private set; }

    public double Longitude { get; private set; }

    public double Latitude { get; private set; }

    public GeoPoint Location => new(Longitude, Latitude);

    public GridCode GridCode { get; private set; }
}

/// <summary>The device registry: cameras, sensors, guard posts, with nearest-neighbour indexes over each.</summary>
public sealed class DeviceRegistry
{
    public DeviceRegistry(IEnumerable<Camera> cameras, IEnumerable<Sensor> sensors, IEnumerable<GuardPost> guardPosts)
    {
        Cameras = cameras.ToList();
        Sensors = sensors.ToList();
        GuardPosts = guardPosts.ToList();
        NearbyCameras = new NearbyIndex<Camera>(Cameras);
        NearbySensors = new NearbyIndex<Sensor>(Sensors);
        NearbyGuardPosts = new NearbyIndex<GuardPost>(GuardPosts);
    }

    public IReadOnlyList<Camera> Cameras { get; }

    public IReadOnlyList<Sensor> Sensors { get; }

    public IReadOnlyList<GuardPost> GuardPosts { get; }

    public NearbyIndex<Camera> NearbyCameras { get; }

    public NearbyIndex<Sensor> NearbySensors { get; }

    public NearbyIndex<GuardPost> NearbyGuardPosts { get; }
}
