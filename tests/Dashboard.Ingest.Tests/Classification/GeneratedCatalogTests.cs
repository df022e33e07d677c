using Dashboard.Core.Catalog;
using Dashboard.Ingest.Classification;
using Dashboard.Ingest.Feeds.Camera;
using Dashboard.Ingest.Feeds.Grid;
using Dashboard.Ingest.Feeds.Hotline12345;
using Dashboard.Ingest.Normalization;
using Dashboard.TestSupport;

namespace Dashboard.Ingest.Tests.Classification;

/// <summary>The sample messages of the demo must land on items of the generated catalog (assets/catalog), or the demo quarantines them.</summary>
public sealed class GeneratedCatalogTests
{
    private static readonly IncidentClassifier Classifier = new(CatalogJson.Load(Path.Combine(TestPaths.Assets, "catalog")));

    private static byte[] Sample(string folder, string file) => File.ReadAllBytes(Path.Combine(TestPaths.Assets, "samples", folder, file));

    [Fact]
    public void A_camera_street_vending_detection_is_the_street_vending_item()
    {
        var e = new CameraEventParser().Parse(Sample("camera", "chancheng_street_vending.json")).Events.Single();

        Assert.Equal("占道经营", Classifier.Classify(e).Name);
    }

    [Fact]
    public void Hotline_orders_classify_by_their_question_name_when_the_code_is_the_platform_s_own()
    {
        var orders = new Hotline12345Parser().Parse(Sample("hotline12345", "chancheng_orders_batch_bd09.json")).Events;

        Assert.Contains(orders, e => Classifier.Classify(e).Name == "占道经营");
    }

    [Fact]
    public void Grid_reports_classify_by_item_name()
    {
        var events = new GridReportParser().ParseInspection(Sample("grid", "chancheng_inspection.json")).Events;

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.NotNull(Classifier.Classify(e)));
    }

    [Fact]
    public void An_unknown_key_names_the_field_the_sender_used()
    {
        var e = new CameraEventParser().Parse(Sample("camera", "chancheng_street_vending.json")).Events.Single() with { FeedKey = "不存在的事件" };

        var error = Assert.Throws<FeedParseException>(() => Classifier.Classify(e));
        Assert.Equal("eventType", error.Field);
    }
}
