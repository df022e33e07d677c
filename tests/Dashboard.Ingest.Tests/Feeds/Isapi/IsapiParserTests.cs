using System.Text;
using Dashboard.Core.Geo;
using Dashboard.Ingest.Feeds.Isapi;
using Dashboard.Ingest.Normalization;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Ingest.Tests.Feeds.Isapi;

public class IsapiParserTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly IsapiParser _parser = new(new FakeTimeProvider(Now));

    private NormalizedEvent ParseSingle(string file) =>
        Assert.Single(_parser.Parse(Fixture.Bytes("Isapi", file), "application/xml").Events);

    [Fact]
    public void Motion_alarm_on_a_dynamic_channel_maps_to_camera_motion()
    {
        var e = ParseSingle("vmd.xml");

        Assert.Equal(FeedSource.Isapi, e.Source);
        Assert.Equal("a6:63:9e:f8:01:09", e.SourceSystem);
        Assert.Equal("camera.motion", e.FeedKey);
        Assert.Equal(Severity.Low, e.Severity);
        Assert.Equal(EventState.Active, e.State);
        Assert.Equal(1, e.Channel);
        Assert.Equal("a6:63:9e:f8:01:09/1", e.CameraId);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 10, 47, 40, TimeSpan.Zero), e.OccurredAtUtc);
        Assert.Equal("a6:63:9e:f8:01:09/1/VMD/20250305T104700Z", e.ExternalId);
        Assert.Null(e.Location);
    }

    [Fact]
    public void Intrusion_with_human_target_is_high_severity_and_keeps_the_target_type()
    {
        var e = ParseSingle("fielddetection_human.xml");

        Assert.Equal("camera.intrusion", e.FeedKey);
        Assert.Equal(Severity.High, e.Severity);
        Assert.Equal("human", e.Attributes["isapi.targetType"]);
        Assert.Equal(new DateTimeOffset(2022, 1, 31, 12, 53, 5, TimeSpan.Zero), e.OccurredAtUtc);
        Assert.Equal("fielddetection alarm · COUR NORD", e.Title);
    }

    [Fact]
    public void Nvr_push_in_psia_namespace_is_identified_by_its_serial_number()
    {
        var e = ParseSingle("nvr_home_fielddetection.xml");

        Assert.Equal("DS-7608NXI-I0/0P/S0000000000CCRRJ00000000WCVU", e.SourceSystem);
        Assert.Equal(34, e.Channel);
        Assert.Equal("174", e.Attributes["isapi.activePostCount"]);
        Assert.Empty(e.Warnings);
    }

    [Fact]
    public void Io_alarm_uses_the_channel_and_keeps_the_input_port()
    {
        var e = ParseSingle("cam1_DS-2CD2346G2-ISU_io_notification.xml");

        Assert.Equal("camera.io", e.FeedKey);
        Assert.Equal("1", e.Attributes["isapi.inputIOPortID"]);
    }

    [Fact]
    public void Anpr_with_uuid_and_gps_gets_a_per_detection_id_and_a_point()
    {
        var e = ParseSingle("ipc1_anpr_plate_detected.xml");

        Assert.Equal("bc:5e:33:62:2a:5c/uuid/20230811134901822007gWpiNIuI14ikdwfKR5eDCzuV45RubEmi88qaD5w0YTq", e.ExternalId);
        Assert.Equal(Severity.Information, e.Severity);
        Assert.Equal("KH35192", e.Attributes["isapi.licensePlate"]);
        Assert.Equal(7 + (56 / 60.0) + (9 / 3600.0), e.Location!.Point!.Value.Lon, 1e-9);
        Assert.Equal(58 + (6 / 60.0) + (22.3 / 3600.0), e.Location.Point.Value.Lat, 1e-9);
    }

    [Fact]
    public void Anpr_reporting_a_parking_violation_becomes_illegal_parking_with_the_plate_facts()
    {
        var e = ParseSingle("chancheng_anpr_illegal_parking.xml");

        Assert.Equal(IsapiEventTypes.IllegalParkingKey, e.FeedKey);
        Assert.Null(e.RecordOnlyReason);
        Assert.Equal("粤E3K9L2", e.Attributes["isapi.licensePlate"]);
        Assert.Equal("blue", e.Attributes["isapi.plateColor"]);
        Assert.Contains("违法停车", e.Attributes["isapi.violation"], StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_plate_reads_and_face_captures_are_record_only_and_an_unread_plate_is_not_kept_as_a_plate()
    {
        var plate = ParseSingle("ipc1_anpr_plate_detected.xml");
        var unread = Assert.Single(_parser.Parse(Fixture.Utf8(Fixture.Text("Isapi", "ipc1_anpr_plate_detected.xml").Replace("KH35192", "unknown")), "application/xml").Events);
        var face = ParseSingle("chancheng_facesnap.xml");

        Assert.NotNull(plate.RecordOnlyReason);
        Assert.NotNull(face.RecordOnlyReason);
        Assert.Equal("camera.face", face.FeedKey);
        Assert.False(unread.Attributes.ContainsKey("isapi.licensePlate"));
    }

    [Fact]
    public void Motion_and_alarm_inputs_page_only_from_registered_cameras()
    {
        Assert.True(ParseSingle("vmd.xml").RequiresRegisteredDevice);
        Assert.True(ParseSingle("cam1_DS-2CD2346G2-ISU_io_notification.xml").RequiresRegisteredDevice);
        Assert.False(ParseSingle("fielddetection_human.xml").RequiresRegisteredDevice);
    }

    [Fact]
    public void Chancheng_camera_gps_is_read_as_wgs84_and_retransmission_is_flagged()
    {
        var e = ParseSingle("chancheng_linedetection_gps.xml");

        Assert.Equal(113.11, e.Location!.Point!.Value.Lon, 1e-9);
        Assert.Equal(23.03, e.Location.Point.Value.Lat, 1e-9);
        Assert.Equal(Crs.Wgs84, e.Location.OriginalCrs);
        Assert.Equal("true", e.Attributes["isapi.isDataRetransmission"]);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 13, 12, 8, TimeSpan.Zero), e.OccurredAtUtc);
    }

    [Fact]
    public void Videoloss_inactive_heartbeat_produces_nothing()
    {
        var result = _parser.Parse(Fixture.Bytes("Isapi", "chancheng_videoloss_heartbeat.xml"), "application/xml");

        Assert.Empty(result.Events);
        Assert.Contains("heartbeat", result.IgnoredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Inactive_event_clears_with_the_same_id_as_its_active_window()
    {
        var xml = Fixture.Text("Isapi", "vmd.xml");
        var active = Assert.Single(_parser.Parse(Fixture.Utf8(xml), "application/xml").Events);
        var inactive = Assert.Single(_parser.Parse(Fixture.Utf8(xml.Replace("active</eventState>", "inactive</eventState>").Replace("10:47:40", "10:47:52")), "application/xml").Events);

        Assert.Equal(EventState.Cleared, inactive.State);
        Assert.Equal(active.ExternalId, inactive.ExternalId);
    }

    [Fact]
    public void One_per_second_repeats_within_the_window_share_an_id()
    {
        var xml = Fixture.Text("Isapi", "vmd.xml");
        var ids = new[] { "10:47:40", "10:47:41", "10:47:59" }
            .Select(t => Assert.Single(_parser.Parse(Fixture.Utf8(xml.Replace("10:47:40", t)), "application/xml").Events).ExternalId)
            .Distinct();

        Assert.Single(ids);
    }

    [Fact]
    public void Multipart_body_yields_the_event_with_its_jpeg_attached()
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x0D, 0x0A, 0xFF, 0xD9 };
        var body = new List<byte>();
        body.AddRange(Encoding.ASCII.GetBytes("--boundary\r\nContent-Disposition: form-data; name=\"linedetection\"\r\nContent-Type: application/xml; charset=\"UTF-8\"\r\n\r\n"));
        body.AddRange(Fixture.Bytes("Isapi", "chancheng_linedetection_gps.xml"));
        body.AddRange(Encoding.ASCII.GetBytes("\r\n--boundary\r\nContent-Disposition: form-data; name=\"linedetectionImage\"; filename=\"linedetection.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"));
        body.AddRange(jpeg);
        body.AddRange(Encoding.ASCII.GetBytes("\r\n--boundary--\r\n"));

        var e = Assert.Single(_parser.Parse(body.ToArray(), "multipart/form-data; boundary=boundary").Events);

        Assert.Equal("camera.lineCrossing", e.FeedKey);
        var attachment = Assert.Single(e.Attachments);
        Assert.Equal("linedetection.jpg", attachment.Name);
        Assert.Equal("image/jpeg", attachment.ContentType);
        Assert.Equal(jpeg, attachment.Content.ToArray());
    }

    [Fact]
    public void Multipart_without_xml_part_is_rejected()
    {
        var body = Encoding.ASCII.GetBytes("--b\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8\r\n--b--\r\n");

        Assert.Equal("body", Assert.Throws<FeedParseException>(() => _parser.Parse(body, "multipart/form-data; boundary=b")).Field);
    }

    [Fact]
    public void Zone_less_device_clock_is_read_as_site_time_with_a_warning()
    {
        var xml = Fixture.Text("Isapi", "vmd.xml").Replace("2025-03-05T10:47:40+00:00", "2025-03-05T18:47:40");

        var e = Assert.Single(_parser.Parse(Fixture.Utf8(xml), "application/xml").Events);
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 10, 47, 40, TimeSpan.Zero), e.OccurredAtUtc);
        Assert.Contains(e.Warnings, w => w.StartsWith("dateTime:", StringComparison.Ordinal));
    }

    [Fact]
    public void Unset_device_clock_falls_back_to_receive_time()
    {
        var xml = Fixture.Text("Isapi", "vmd.xml").Replace("2025-03-05T10:47:40+00:00", "0000-00-00T00:00:00Z");

        Assert.Equal(Now, Assert.Single(_parser.Parse(Fixture.Utf8(xml), "application/xml").Events).OccurredAtUtc);
    }

    [Fact]
    public void Alert_without_any_device_identity_is_rejected()
    {
        var xml = Fixture.Text("Isapi", "vmd.xml").Replace("<ipAddress>1.0.0.255</ipAddress>", "").Replace("<macAddress>a6:63:9e:f8:01:09</macAddress>", "");

        Assert.Equal("macAddress", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml), "application/xml")).Field);
    }

    [Fact]
    public void Truncated_xml_is_rejected()
    {
        var xml = Fixture.Text("Isapi", "vmd.xml")[..200];

        Assert.Equal("document", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml), "application/xml")).Field);
    }

    [Fact]
    public void External_entity_is_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><EventNotificationAlert><eventType>&e;</eventType></EventNotificationAlert>";

        Assert.Contains("DTD", Assert.Throws<FeedParseException>(() => _parser.Parse(Fixture.Utf8(xml), "application/xml")).Problem, StringComparison.Ordinal);
    }
}
