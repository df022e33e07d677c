using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace CityGenerator;

/// <summary>Cameras, IoT sensors and guard posts, each placed strictly inside the grid it names.</summary>
internal static class Devices
{
    private sealed record SensorKind(string Kind, string NameZh, int Count, int HeartbeatSeconds, JsonObject Thresholds);

    private static readonly SensorKind[] SensorKinds =
    [
        new("manholeCover", "智能井盖", 400, 3600, new() { ["tiltDegrees"] = 15, ["waterLevelCm"] = 50, ["methanePercentLel"] = 25, ["batteryPercent"] = 20 }),
        new("hydrant", "消火栓", 300, 3600, new() { ["pressureMpaMin"] = 0.14, ["tiltDegrees"] = 10, ["batteryPercent"] = 20 }),
        new("elevator", "电梯", 250, 60, new() { ["trappedSeconds"] = 60, ["overspeedRatio"] = 1.15, ["doorOpenSeconds"] = 120 }),
        new("waterLevel", "内涝水位", 80, 300, new() { ["warningCm"] = 15, ["alarmCm"] = 30 }),
        new("smoke", "烟感", 320, 14400, new() { ["obscurationPercentPerMetre"] = 3.2, ["batteryPercent"] = 20 }),
        new("elderlyCall", "一键呼叫", 150, 1800, new() { ["batteryPercent"] = 20 }),
    ];

    private static readonly (string Kind, string NameZh, double Share)[] CameraKinds =
    [
        ("street", "街面", 0.30), ("community", "社区", 0.40), ("traffic", "交通", 0.20), ("river", "河道", 0.10),
    ];

    private static readonly string[] CameraModels = ["DS-2CD3T47G2-LIU", "DS-2DE4425IW-DE", "DS-2CD2T46WD-I5", "iDS-2CD7A46G0-IZS"];

    public const int CameraCount = 600;
    public const int GuardPostCount = 60;

    public static DeviceSet Build(GeneratedCity city, Random rng)
    {
        var grids = city.Grids;
        var prepared = CityBuilder.Prepare(grids);
        var weights = grids.Select(g => (double)g.Population).ToArray();

        var cameras = new List<JsonObject>();
        var nvrByCommunity = new Dictionary<string, (string Serial, int Channel)>();
        for (var i = 1; i <= CameraCount; i++)
        {
            var g = Pick(weights, rng);
            var kind = PickKind(rng);
            var at = PointInside(grids[g], prepared[g], rng);
            var grid = grids[g];

            // Cameras report through their community's NVR (ISAPI): up to 16 channels per recorder.
            if (!nvrByCommunity.TryGetValue(grid.CommunityCode, out var nvr) || nvr.Channel == 16)
            {
                nvr = (Serial(rng), 0);
            }

            nvr.Channel++;
            nvrByCommunity[grid.CommunityCode] = nvr;
            cameras.Add(new JsonObject
            {
                ["id"] = $"CAM-440604-{i:0000}",
                ["name"] = $"{grid.Name}{kind.NameZh}监控{nvr.Channel:00}",
                ["kind"] = kind.Kind,
                ["lon"] = at.X,
                ["lat"] = at.Y,
                ["gridCode"] = grid.Code,
                ["isapiDeviceSerial"] = nvr.Serial,
                ["isapiChannel"] = nvr.Channel,
                ["online"] = rng.NextDouble() >= 0.04,
            });
        }

        var sensors = new List<JsonObject>();
        var n = 0;
        foreach (var kind in SensorKinds)
        {
            for (var k = 0; k < kind.Count; k++)
            {
                var g = Pick(weights, rng);
                var at = PointInside(grids[g], prepared[g], rng);
                n++;
                sensors.Add(new JsonObject
                {
                    ["id"] = $"SEN-440604-{n:00000}",
                    ["kind"] = kind.Kind,
                    ["name"] = $"{grids[g].Name}{kind.NameZh}{k + 1:000}",
                    ["lon"] = at.X,
                    ["lat"] = at.Y,
                    ["gridCode"] = grids[g].Code,
                    ["heartbeatSeconds"] = kind.HeartbeatSeconds,
                    ["thresholds"] = kind.Thresholds.DeepClone(),
                });
            }
        }

        var posts = new List<JsonObject>();
        var uniform = grids.Select(_ => 1.0).ToArray();
        for (var i = 1; i <= GuardPostCount; i++)
        {
            var g = Pick(uniform, rng);
            var at = PointInside(grids[g], prepared[g], rng);
            posts.Add(new JsonObject
            {
                ["id"] = $"GP-440604-{i:000}",
                ["name"] = $"{grids[g].Name}治安岗亭",
                ["lon"] = at.X,
                ["lat"] = at.Y,
                ["gridCode"] = grids[g].Code,
            });
        }

        return new DeviceSet(cameras, sensors, posts);
    }

    private static int Pick(double[] weights, Random rng)
    {
        var r = rng.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static (string Kind, string NameZh, double Share) PickKind(Random rng)
    {
        var r = rng.NextDouble();
        foreach (var kind in CameraKinds)
        {
            r -= kind.Share;
            if (r < 0)
            {
                return kind;
            }
        }

        return CameraKinds[^1];
    }

    private static string Serial(Random rng)
    {
        var model = CameraModels[rng.Next(CameraModels.Length)];
        var date = new DateOnly(2019, 1, 1).AddDays(rng.Next(0, 5 * 365));
        return $"{model}{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}AACH{rng.Next(100_000_000, 999_999_999)}";
    }

    /// <summary>
    /// A rounded (1e-6°) point at least ~0.5 m inside the grid, so no tie-break on a shared edge can move the
    /// device into a neighbouring grid.
    /// </summary>
    private static Coordinate PointInside(GeneratedGrid grid, IPreparedGeometry prepared, Random rng)
    {
        var env = grid.Boundary.EnvelopeInternal;
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var c = Coordinates.Rounded(new Coordinate(env.MinX + (rng.NextDouble() * env.Width), env.MinY + (rng.NextDouble() * env.Height)));
            var point = GeoJson.Factory.CreatePoint(c);
            if (prepared.ContainsProperly(point) && grid.Boundary.ExteriorRing.Distance(point) > 5e-6)
            {
                return c;
            }
        }

        throw new InvalidOperationException($"could not place a device inside grid {grid.Code}");
    }
}
