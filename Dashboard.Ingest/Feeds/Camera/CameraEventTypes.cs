using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Camera;

/// <summary>
/// Video-analytics event types (DOMAIN.md §6). The feed key is the Chinese name the catalog uses;
/// vendors' English names are accepted as aliases.
/// </summary>
public static class CameraEventTypes
{
    private static readonly Dictionary<string, (string FeedKey, int Severity)> Map = Build();

    /// <summary>The canonical feed key and default severity, or null for a type we do not know.</summary>
    public static (string FeedKey, int Severity)? Resolve(string eventType) =>
        Map.TryGetValue(eventType.Trim(), out var known) ? known : null;

    private static Dictionary<string, (string, int)> Build()
    {
        var map = new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);
        void Add(string key, int severity, params string[] aliases)
        {
            map[key] = (key, severity);
            foreach (var alias in aliases)
            {
                map[alias] = (key, severity);
            }
        }

        Add("占道经营", Severity.Low, "streetVending", "roadOccupation", "occupyRoad", "occupiedRoadBusiness");
        Add("出店经营", Severity.Low, "outOfStoreOperation", "outsideStoreBusiness", "storeOverflow");
        Add("乱堆物料", Severity.Low, "materialPiling", "materialStacking", "huddleMaterial");
        Add("暴露垃圾", Severity.Low, "exposedGarbage", "garbageExposed", "exposedTrash");
        Add("非机动车乱停放", Severity.Low, "nonMotorVehicleParking", "illegalBikeParking", "bikeParking");
        Add("道路积水", Severity.Moderate, "roadPonding", "waterlogging", "roadWater");
        Add("烟火", Severity.Critical, "smokeFire", "fireAndSmoke", "fire", "smoke");
        Add("人员聚集", Severity.Moderate, "crowdGathering", "crowd", "gathering");
        return map;
    }
}
