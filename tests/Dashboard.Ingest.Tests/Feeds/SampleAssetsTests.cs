using Dashboard.Ingest.Feeds.Camera;
using Dashboard.Ingest.Feeds.Cap;
using Dashboard.Ingest.Feeds.Grid;
using Dashboard.Ingest.Feeds.Hotline12345;
using Dashboard.Ingest.Feeds.Isapi;
using Dashboard.Ingest.Feeds.Open311;
using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.TestSupport;

namespace Dashboard.Ingest.Tests.Feeds;

/// <summary>The simulator and the README replay assets/samples; every sample there must be accepted.</summary>
public class SampleAssetsTests
{
    private static IEnumerable<string> Samples(string format) =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.Assets, "samples", format));

    [Fact]
    public void Every_sample_message_parses_without_error()
    {
        var parsed = 0;
        foreach (var file in Samples("cap"))
        {
            new CapParser().Parse(File.ReadAllBytes(file));
            parsed++;
        }

        foreach (var file in Samples("isapi"))
        {
            new IsapiParser(TimeProvider.System).Parse(File.ReadAllBytes(file), "application/xml");
            parsed++;
        }

        foreach (var file in Samples("open311"))
        {
            new Open311Parser(TimeProvider.System).Parse(File.ReadAllBytes(file), file.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/x-www-form-urlencoded");
            parsed++;
        }

        foreach (var file in Samples("hotline12345"))
        {
            Assert.NotEmpty(new Hotline12345Parser().Parse(File.ReadAllBytes(file)).Events);
            parsed++;
        }

        foreach (var file in Samples("telemetry"))
        {
            Assert.NotEmpty(new TelemetryParser().Parse(File.ReadAllBytes(file)).Readings);
            parsed++;
        }

        foreach (var file in Samples("camera"))
        {
            Assert.NotEmpty(new CameraEventParser().Parse(File.ReadAllBytes(file)).Events);
            parsed++;
        }

        foreach (var file in Samples("grid"))
        {
            var bytes = File.ReadAllBytes(file);
            _ = file.Contains("patrol", StringComparison.Ordinal) ? (object)new GridReportParser().ParsePatrol(bytes) : new GridReportParser().ParseInspection(bytes);
            parsed++;
        }

        Assert.True(parsed >= 14, $"only {parsed} samples found under assets/samples");
    }

    [Fact]
    public void Camera_samples_name_cameras_the_registry_holds()
    {
        var registered = TestCity.Chancheng.Devices.Cameras.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var named = Samples("camera")
            .SelectMany(file => new CameraEventParser().Parse(File.ReadAllBytes(file)).Events)
            .Select(e => e.CameraId!)
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, id => Assert.Contains(id, registered));
    }
}
