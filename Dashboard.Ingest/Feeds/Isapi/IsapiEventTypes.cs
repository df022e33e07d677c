using Dashboard.Ingest.Normalization;

namespace Dashboard.Ingest.Feeds.Isapi;

/// <summary>What an ISAPI event type means for the command center.</summary>
public enum IsapiEventPolicy
{
    /// <summary>A catalog item of its own (intrusion, line crossing, tamper, fire, video loss): an incident or alarm.</summary>
    Incident,

    /// <summary>
    /// A security alarm (区域入侵) only from a registered camera, whose site is known to be guarded: motion (VMD, PIR)
    /// and alarm inputs (IO: door contacts, PIR detectors, panic buttons wired to the camera).
    /// </summary>
    RegisteredCameraAlarm,

    /// <summary>Recorded as a device event, never an incident: face captures, plate reads without a violation.</summary>
    RecordOnly,
}

/// <summary>
/// ISAPI eventType → feed key, default severity (FEEDS.md §0 camera column) and policy. Keys are shared with the
/// camera-analytics feed where they mean the same thing, so the catalog maps each once.
/// </summary>
public static class IsapiEventTypes
{
    private static readonly Dictionary<string, (string FeedKey, int Severity, IsapiEventPolicy Policy)> Map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["VMD"] = ("camera.motion", Severity.Low, IsapiEventPolicy.RegisteredCameraAlarm),
        ["motiondetection"] = ("camera.motion", Severity.Low, IsapiEventPolicy.RegisteredCameraAlarm),
        ["PIR"] = ("camera.motion", Severity.Low, IsapiEventPolicy.RegisteredCameraAlarm),
        ["IO"] = ("camera.io", Severity.Moderate, IsapiEventPolicy.RegisteredCameraAlarm),
        ["linedetection"] = ("camera.lineCrossing", Severity.Moderate, IsapiEventPolicy.Incident),
        ["fielddetection"] = ("camera.intrusion", Severity.High, IsapiEventPolicy.Incident),
        ["regionEntrance"] = ("camera.regionEntrance", Severity.Moderate, IsapiEventPolicy.Incident),
        ["regionExiting"] = ("camera.regionExiting", Severity.Moderate, IsapiEventPolicy.Incident),
        ["videoloss"] = ("camera.videoLoss", Severity.Low, IsapiEventPolicy.Incident),
        ["tamperdetection"] = ("camera.tamper", Severity.Moderate, IsapiEventPolicy.Incident),
        ["shelteralarm"] = ("camera.tamper", Severity.Moderate, IsapiEventPolicy.Incident),
        ["fireDetection"] = ("camera.fire", Severity.Critical, IsapiEventPolicy.Incident),
        ["smokeDetection"] = ("camera.fire", Severity.Critical, IsapiEventPolicy.Incident),
        ["smokeAndFireDetection"] = ("camera.fire", Severity.Critical, IsapiEventPolicy.Incident),
        ["facedetection"] = ("camera.face", Severity.Information, IsapiEventPolicy.RecordOnly),
        ["faceSnap"] = ("camera.face", Severity.Information, IsapiEventPolicy.RecordOnly),
        ["faceCapture"] = ("camera.face", Severity.Information, IsapiEventPolicy.RecordOnly),
        ["ANPR"] = ("camera.anpr", Severity.Information, IsapiEventPolicy.RecordOnly),
        ["vehicleDetection"] = ("camera.anpr", Severity.Information, IsapiEventPolicy.RecordOnly),
        ["illegalParking"] = (IllegalParkingKey, Severity.Low, IsapiEventPolicy.Incident),
        ["parking"] = (IllegalParkingKey, Severity.Low, IsapiEventPolicy.Incident),
    };

    /// <summary>The catalog's camera key for 机动车违停 (illegally parked car), which ANPR violations and parking detection map to.</summary>
    public const string IllegalParkingKey = "机动车违停";

    /// <summary>Unknown types keep a recognisable key ("isapi.&lt;eventType&gt;") at low severity instead of being dropped.</summary>
    public static (string FeedKey, int Severity, bool IsKnown) Resolve(string eventType) =>
        Map.TryGetValue(eventType, out var known)
            ? (known.FeedKey, known.Severity, true)
            : ("isapi." + eventType, Severity.Low, false);

    /// <summary>
    /// Unknown types go to the catalog like known ones (a deployment may list <c>camera:isapi.&lt;type&gt;</c>); when it
    /// has no item the intake records the event instead of refusing it.
    /// </summary>
    public static IsapiEventPolicy PolicyOf(string eventType) =>
        Map.TryGetValue(eventType, out var known) ? known.Policy : IsapiEventPolicy.Incident;
}
