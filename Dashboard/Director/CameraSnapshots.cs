using System.Globalization;
using Dashboard.Core.Registry;

namespace Dashboard.Director;

/// <summary>
/// Where a camera's current picture is fetched: the video platform's ISAPI snapshot, reached through the site's
/// gateway. The dashboard does not proxy video; <c>Workspace:SnapshotUrlTemplate</c> names the gateway's path with
/// <c>{serial}</c> and <c>{channel}</c> placeholders.
/// </summary>
public static class CameraSnapshots
{
    public const string DefaultTemplate = "/video/isapi/{serial}/Streaming/channels/{channel}01/picture";

    public static string UrlFor(Camera camera, IConfiguration configuration) =>
        (configuration["Workspace:SnapshotUrlTemplate"] ?? DefaultTemplate)
            .Replace("{serial}", Uri.EscapeDataString(camera.IsapiDeviceSerial), StringComparison.Ordinal)
            .Replace("{channel}", camera.IsapiChannel.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
