using System.Globalization;
using System.Security;
using System.Text.Json;
using Dashboard.Core.City;
using Dashboard.Core.Geo;
using Dashboard.Core.Registry;

namespace Dashboard.Ingest.Simulation;

/// <summary>
/// A day in the district as the feeds see it: mostly grid workers' reports, device telemetry, camera
/// analytics and 12345 orders, a few Hikvision pushes and Open311 requests, an occasional CAP warning; busy
/// mornings and evenings, quiet nights; a handful of hotspots where the same problems recur; some retries;
/// a few broken messages. Deterministic for a seed. Positions, cameras and sensors come from the seeded city.
/// </summary>
public sealed class CityDay
{
    /// <summary>Relative activity per local hour (0..23), peak 1.0: patrols from 08:00, the evening market, quiet nights.</summary>
    private static readonly double[] HourlyActivity =
        [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 0.95, 0.85, 0.7, 0.75, 0.85, 0.9, 0.9, 0.85, 0.9, 1.0, 0.95, 0.7, 0.45, 0.25];

    private static readonly (string Name, double Weight)[] Mix =
        [("grid", 0.36), ("telemetry", 0.26), ("camera", 0.18), ("hotline", 0.12), ("isapi", 0.04), ("open311", 0.03), ("cap", 0.01)];

    private static readonly string[] CameraEvents = ["占道经营", "出店经营", "乱堆物料", "暴露垃圾", "非机动车乱停放", "道路积水"];
    private static readonly (string Code, string Name)[] HotlineQuestions = [("0502", "街面秩序/占道经营"), ("0507", "街面秩序/违章停车"), ("0101", "市容环境/暴露垃圾"), ("0503", "环境保护/噪声扰民")];
    private static readonly string[] GridItems = ["占道经营", "暴露垃圾", "乱堆物料", "井盖缺失", "违规户外广告", "道路不洁"];
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random _random;
    private readonly IReadOnlyList<Camera> _cameras;
    private readonly IReadOnlyList<Sensor> _sensors;
    private readonly IReadOnlyList<GridCell> _grids;
    private readonly IReadOnlyList<string> _serviceCodes;
    private readonly List<Hotspot> _hotspots;
    private readonly Dictionary<string, double> _tilt = new(StringComparer.Ordinal);
    private readonly double _malformedShare;
    private readonly Random _patrolRandom;
    private readonly List<Patroller> _patrollers;
    private long _sequence;
    private long _patrolBatch;
    private int _nextPatroller;

    public CityDay(CityMap city, DeviceRegistry devices, IReadOnlyList<string> open311ServiceCodes, int seed, double malformedShare)
    {
        _random = new Random(seed);
        _cameras = devices.Cameras;
        _sensors = devices.Sensors;
        _grids = city.Grids;
        _serviceCodes = open311ServiceCodes;
        _malformedShare = malformedShare;
        if (_cameras.Count == 0 || _sensors.Count == 0 || _grids.Count == 0)
        {
            throw new ArgumentException("The simulator needs a city with grids, cameras and sensors (run tools/CityGenerator).", nameof(devices));
        }

        // Hotspots: a few cameras watching markets and school gates, where the same problems come back all day.
        _hotspots = [.. Enumerable.Range(0, Math.Min(8, _cameras.Count)).Select(_ => new Hotspot(_cameras[_random.Next(_cameras.Count)], CameraEvents[_random.Next(2)]))];

        // Patrols draw from their own stream, so adding them left the day's other messages exactly as they were.
        _patrolRandom = new Random(seed ^ 0x5A7201);
        _patrollers = [.. Enumerable.Range(0, Math.Min(PatrollerCount, _grids.Count)).Select(i =>
        {
            var grid = _grids[_patrolRandom.Next(_grids.Count)];
            return new Patroller($"WG-{grid.Code.Value[..9]}-{9000 + i:D4}", grid, RandomPointIn(grid, _patrolRandom));
        })];
    }

    /// <summary>Grid workers (网格员) whose phones upload patrol positions in the simulated day.</summary>
    public const int PatrollerCount = 16;

    /// <summary>Seconds between the fixes of one upload.</summary>
    public const int PatrolFixSeconds = 10;

    /// <summary>Whether grid workers are out at this local time (they patrol 07:00–22:00).</summary>
    public static bool IsPatrolHour(DateTimeOffset local) => local.Hour is >= 7 and < 22;

    /// <summary>
    /// The next patrol upload (<c>POST /api/feeds/grid/positions</c>): one worker in turn, three fixes ending at
    /// <paramref name="nowUtc"/>, each a short walk (about 10–30 m) from the last that stays inside the worker's grid.
    /// </summary>
    public SimulatedMessage Patrol(DateTimeOffset nowUtc)
    {
        var local = nowUtc.ToOffset(TimeSpan.FromHours(8));
        var worker = _patrollers[_nextPatroller++ % _patrollers.Count];
        var fixes = new List<object>(3);
        for (var i = 2; i >= 0; i--)
        {
            worker.Position = Walk(worker);
            fixes.Add(new { lon = Round(worker.Position.Lon), lat = Round(worker.Position.Lat), at = Iso(local.AddSeconds(-i * PatrolFixSeconds)), accuracy = 5 + _patrolRandom.Next(20) });
        }

        var body = JsonSerializer.Serialize(new { workerId = worker.Id, batch = "PT-" + (++_patrolBatch).ToString("D7", CultureInfo.InvariantCulture), crs = "wgs84", positions = fixes }, Json);
        return new SimulatedMessage("/api/feeds/grid/positions", "application/json", body, "patrol");
    }

    private LonLat Walk(Patroller worker)
    {
        const double MetresPerDegree = 111_320;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            worker.Heading += (_patrolRandom.NextDouble() - 0.5) * 1.2;
            var metres = 10 + (_patrolRandom.NextDouble() * 20);
            var lat = worker.Position.Lat + (Math.Cos(worker.Heading) * metres / MetresPerDegree);
            var lon = worker.Position.Lon + (Math.Sin(worker.Heading) * metres / (MetresPerDegree * Math.Cos(lat * Math.PI / 180)));
            if (worker.Grid.Boundary.Contains(worker.Grid.Boundary.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(lon, lat))))
            {
                return new LonLat(lon, lat);
            }

            worker.Heading += Math.PI / 2; // the grid's edge: turn and try again
        }

        return worker.Position;
    }

    private sealed class Patroller(string id, GridCell grid, LonLat start)
    {
        public string Id { get; } = id;

        public GridCell Grid { get; } = grid;

        public LonLat Position { get; set; } = start;

        public double Heading { get; set; }
    }

    /// <summary>How busy the district is at a local time, 0..1.</summary>
    public static double ActivityAt(DateTimeOffset local) =>
        HourlyActivity[local.Hour] + ((HourlyActivity[(local.Hour + 1) % 24] - HourlyActivity[local.Hour]) * local.Minute / 60.0);

    /// <summary>The next message, happening at <paramref name="nowUtc"/> (its local hour shapes the mix).</summary>
    public SimulatedMessage Next(DateTimeOffset nowUtc)
    {
        var local = nowUtc.ToOffset(TimeSpan.FromHours(8));
        var kind = PickKind(local);
        var message = kind switch
        {
            "grid" => GridReport(local),
            "telemetry" => Telemetry(local),
            "camera" => CameraEvent(local),
            "hotline" => HotlineOrder(local),
            "isapi" => IsapiPush(local),
            "open311" => Open311Request(local),
            _ => CapWarning(local),
        };
        return _random.NextDouble() < _malformedShare ? Break(message) : message;
    }

    private string PickKind(DateTimeOffset local)
    {
        // Night: patrols stop, devices keep talking.
        var night = local.Hour is < 7 or >= 22;
        var roll = _random.NextDouble() * Mix.Sum(m => Weight(m, night));
        foreach (var entry in Mix)
        {
            roll -= Weight(entry, night);
            if (roll <= 0)
            {
                return entry.Name;
            }
        }

        return "telemetry";
    }

    private static double Weight((string Name, double Weight) entry, bool night) =>
        night && entry.Name == "grid" ? entry.Weight * 0.1 : night && entry.Name == "telemetry" ? entry.Weight * 2 : entry.Weight;

    private SimulatedMessage GridReport(DateTimeOffset local)
    {
        var (point, gridCode, item) = _random.NextDouble() < 0.35 ? AtHotspot() : (RandomPointIn(RandomGrid(out var grid)), grid.Code.Value, GridItems[_random.Next(GridItems.Length)]);
        var id = Next("GR");
        var handled = _random.NextDouble() < 0.3;
        var body = JsonSerializer.Serialize(new
        {
            reportId = id,
            workerId = "WG-" + gridCode[..9] + "-" + _random.Next(1, 60).ToString("D4", CultureInfo.InvariantCulture),
            gridCode,
            submittedAt = Iso(local),
            lon = Round(point.Lon),
            lat = Round(point.Lat),
            crs = "wgs84",
            items = new[] { new { itemName = item, anomaly = true, handledOnTheSpot = handled, note = handled ? "已当场劝导处置" : "需派单处置" } },
        }, Json);
        return new SimulatedMessage("/api/feeds/grid/reports", "application/json", body, "grid");
    }

    private SimulatedMessage Telemetry(DateTimeOffset local)
    {
        var count = _random.Next(5, 40);
        var readings = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            var sensor = _sensors[_random.Next(_sensors.Count)];
            readings.Add(new
            {
                deviceId = sensor.Id,
                kind = TelemetryKind(sensor.Kind),
                observedAt = Iso(local.AddMilliseconds(i)),
                readings = Values(sensor),
            });
        }

        return new SimulatedMessage("/api/feeds/iot/telemetry", "application/json", JsonSerializer.Serialize(readings, Json), "telemetry");
    }

    private object Values(Sensor sensor)
    {
        var battery = 40 + _random.Next(60);
        switch (sensor.Kind)
        {
            case SensorKind.ManholeCover:
                // A tilted cover stays tilted for a while, then is fixed: one alert raised and later cleared.
                var tilt = _tilt.GetValueOrDefault(sensor.Id);
                tilt = tilt > 15 ? (_random.NextDouble() < 0.2 ? 2 : tilt) : (_random.NextDouble() < 0.01 ? 20 + (_random.NextDouble() * 15) : _random.NextDouble() * 4);
                _tilt[sensor.Id] = tilt;
                return new { tiltDeg = Math.Round(tilt, 1), open = false, waterLevelCm = _random.Next(10, 90), battery };
            case SensorKind.Hydrant:
                return new { pressureMPa = Math.Round(_random.NextDouble() < 0.01 ? 0.05 : 0.2 + (_random.NextDouble() * 0.2), 3), tamper = false, battery };
            default:
                return new { battery };
        }
    }

    private SimulatedMessage CameraEvent(DateTimeOffset local)
    {
        var (camera, eventType) = _random.NextDouble() < 0.5
            ? (_hotspots[_random.Next(_hotspots.Count)].Camera, _hotspots[_random.Next(_hotspots.Count)].Problem)
            : (_cameras[_random.Next(_cameras.Count)], CameraEvents[_random.Next(CameraEvents.Length)]);
        var body = JsonSerializer.Serialize(new
        {
            eventId = Next("AI"),
            cameraId = camera.Id,
            eventType,
            state = "active",
            occurredAt = Iso(local),
            confidence = Math.Round(0.6 + (_random.NextDouble() * 0.39), 2),
            snapshotUrl = $"https://vss.chancheng.example/snap/{camera.Id}/{_sequence}.jpg",
        }, Json);
        return new SimulatedMessage("/api/feeds/camera/events", "application/json", body, "camera");
    }

    private SimulatedMessage HotlineOrder(DateTimeOffset local)
    {
        var (point, _, _) = _random.NextDouble() < 0.3 ? AtHotspot() : (RandomPointIn(RandomGrid(out _)), string.Empty, string.Empty);
        var (code, name) = HotlineQuestions[_random.Next(HotlineQuestions.Length)];
        var body = JsonSerializer.Serialize(new
        {
            orderNum = "440604" + local.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Next(string.Empty),
            callTime = local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            sourceType = _random.NextDouble() < 0.7 ? "电话" : "微信",
            callerType = "投诉",
            questionCode = code,
            questionName = name,
            pilotLight = _random.NextDouble() < 0.1 ? "紧急" : "一般",
            title = "市民反映" + name.Split('/')[^1],
            majorContent = "市民来电反映" + name.Split('/')[^1] + "，要求尽快处理。",
            address = "佛山市禅城区",
            lon = Round(point.Lon),
            lat = Round(point.Lat),
            crs = "wgs84",
            isSecret = "0",
        }, Json);
        return new SimulatedMessage("/api/feeds/hotline", "application/json", body, "hotline");
    }

    private SimulatedMessage IsapiPush(DateTimeOffset local)
    {
        var camera = _cameras[_random.Next(_cameras.Count)];
        var eventType = _random.NextDouble() < 0.7 ? "linedetection" : "fielddetection";
        var body = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <EventNotificationAlert version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">
              <channelID>{camera.IsapiChannel}</channelID>
              <dateTime>{Iso(local)}</dateTime>
              <activePostCount>1</activePostCount>
              <eventType>{eventType}</eventType>
              <eventState>active</eventState>
              <eventDescription>{eventType} alarm</eventDescription>
              <channelName>{SecurityElement.Escape(camera.Name)}</channelName>
              <UUID>{Next("U")}</UUID>
              <Extensions><serialNumber>{SecurityElement.Escape(camera.IsapiDeviceSerial)}</serialNumber></Extensions>
            </EventNotificationAlert>
            """;
        return new SimulatedMessage("/api/feeds/camera/isapi", "application/xml", body, "isapi");
    }

    private SimulatedMessage Open311Request(DateTimeOffset local)
    {
        var point = RandomPointIn(RandomGrid(out _));
        var code = _serviceCodes.Count > 0 ? _serviceCodes[_random.Next(_serviceCodes.Count)] : "EV-05-02";
        var body = string.Join('&',
            "api_key=" + Uri.EscapeDataString(ApiKeyPlaceholder),
            "service_code=" + Uri.EscapeDataString(code),
            "lat=" + Round(point.Lat).ToString(CultureInfo.InvariantCulture),
            "long=" + Round(point.Lon).ToString(CultureInfo.InvariantCulture),
            "description=" + Uri.EscapeDataString("市民通过随手拍反映问题 " + local.ToString("HH:mm", CultureInfo.InvariantCulture)));
        return new SimulatedMessage("/open311/v2/requests.json", "application/x-www-form-urlencoded", body, "open311");
    }

    private SimulatedMessage CapWarning(DateTimeOffset local)
    {
        var id = "44060041600000_" + local.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + Next(string.Empty);
        var body = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>{id}</identifier><sender>fsqx@weather.foshan.example</sender>
              <sent>{Iso(local)}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
              <info>
                <language>zh-CN</language><category>Met</category><event>暴雨</event>
                <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
                <headline>禅城区暴雨橙色预警</headline>
                <area><areaDesc>禅城区</areaDesc><polygon>23.07,113.04 23.07,113.15 22.97,113.15 22.97,113.04 23.07,113.04</polygon></area>
              </info>
            </alert>
            """;
        return new SimulatedMessage("/api/feeds/cap", "application/cap+xml", body, "cap");
    }

    /// <summary>Broken the ways real senders break things: cut off mid-body, or a time without a zone.</summary>
    private SimulatedMessage Break(SimulatedMessage message) =>
        message with
        {
            Body = _random.NextDouble() < 0.5 ? message.Body[..(message.Body.Length / 2)] : message.Body.Replace("+08:00", string.Empty, StringComparison.Ordinal),
            IsMalformed = true,
        };

    /// <summary>Replaced by the sender with its configured key (kept out of the scenario so runs are comparable).</summary>
    public const string ApiKeyPlaceholder = "__API_KEY__";

    private (LonLat Point, string GridCode, string Item) AtHotspot()
    {
        var hotspot = _hotspots[_random.Next(_hotspots.Count)];
        var jitter = new LonLat(hotspot.Camera.Longitude + ((_random.NextDouble() - 0.5) * 0.0003), hotspot.Camera.Latitude + ((_random.NextDouble() - 0.5) * 0.0003));
        return (jitter, hotspot.Camera.GridCode.Value, hotspot.Problem);
    }

    private GridCell RandomGrid(out GridCell grid) => grid = _grids[_random.Next(_grids.Count)];

    private LonLat RandomPointIn(GridCell grid) => RandomPointIn(grid, _random);

    private static LonLat RandomPointIn(GridCell grid, Random random)
    {
        var box = grid.Boundary.EnvelopeInternal;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var candidate = new NetTopologySuite.Geometries.Coordinate(box.MinX + (random.NextDouble() * box.Width), box.MinY + (random.NextDouble() * box.Height));
            if (grid.Boundary.Contains(grid.Boundary.Factory.CreatePoint(candidate)))
            {
                return new LonLat(candidate.X, candidate.Y);
            }
        }

        var inside = grid.Boundary.InteriorPoint;
        return new LonLat(inside.X, inside.Y);
    }

    private string Next(string prefix) => prefix + (++_sequence).ToString("D7", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static double Round(double degrees) => Math.Round(degrees, 6);

    private static string TelemetryKind(SensorKind kind) => kind switch
    {
        SensorKind.ManholeCover => "manhole",
        SensorKind.Hydrant => "hydrant",
        SensorKind.Elevator => "elevator",
        SensorKind.WaterLevel => "waterLevel",
        SensorKind.Smoke => "smoke",
        _ => "oneKeyCall",
    };

    private sealed record Hotspot(Camera Camera, string Problem);
}
