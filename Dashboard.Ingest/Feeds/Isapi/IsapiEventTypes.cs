using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Isapi;

/// <summary>
/// ISAPI eventType → feed key and default severity (FEEDS.md §0 camera column). Keys are shared with the
/// camera-analytics feed where they mean the same thing, so the catalog maps each once.
/// </summary>
public static class IsapiEventTypes
{
    private static readonly Dictionary<string, (string FeedKey, int Severity)> Map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["VMD"] = ("camera.motion", Severity.Low),
        ["motiondetection"] = ("camera.motion", Severity.Low),
        ["PIR"] = ("camera.motion", Severity.Low),
        ["linedetection"] = ("camera.lineCrossing", Severity.Moderate),
        ["fielddetection"] = ("camera.intrusion", Severity.High),
        ["regionEntrance"] = ("camera.regionEntrance", Severity.Moderate),
        ["regionExiting"] = ("camera.regionExiting", Severity.Moderate),
        ["IO"] = ("camera.io", Severity.Moderate),
        ["videoloss"] = ("camera.videoLoss", Severity.Low),
        ["tamperdetection"] = ("camera.tamper", Severity.Moderate),
        ["shelteralarm"] = ("camera.tamper", Severity.Moderate),
        ["facedetection"] = ("camera.face", Severity.Information),
        ["ANPR"] = ("camera.anpr", Severity.Information),
        ["fireDetection"] = ("camera.fire", Severity.Critical),
        ["smokeDetection"] = ("camera.fire", Severity.Critical),
        ["smokeAndFireDetection"] = ("camera.fire", Severity.Critical),
    };

    /// <summary>Unknown types keep a recognisable key ("isapi.&lt;eventType&gt;") at low severity instead of being dropped.</summary>
    public static (string FeedKey, int Severity, bool IsKnown) Resolve(string eventType) =>
        Map.TryGetValue(eventType, out var known)
            ? (known.FeedKey, known.Severity, true)
            : ("isapi." + eventType, Severity.Low, false);
}
