namespace Dashboard.Core.Catalog;

/// <summary>
/// Builds the keys that map a feed message to a catalog item: <c>source:key</c>, where source is
/// <c>camera</c> (video-AI event name), <c>iot</c> (device alarm type) or <c>12345</c> (hotline question type).
/// </summary>
public static class FeedKey
{
    public const string CameraSource = "camera";
    public const string IotSource = "iot";
    public const string HotlineSource = "12345";

    public static string Camera(string eventName) => Make(CameraSource, eventName);

    public static string Iot(string alarmType) => Make(IotSource, alarmType);

    public static string Hotline(string questionType) => Make(HotlineSource, questionType);

    public static string Make(string source, string key)
    {
        if (source is not (CameraSource or IotSource or HotlineSource))
        {
            throw new ArgumentException($"Unknown feed source '{source}'; expected camera, iot or 12345.", nameof(source));
        }

        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("A feed key needs a non-empty key.", nameof(key));
        }

        return source + ":" + key.Trim();
    }
}
