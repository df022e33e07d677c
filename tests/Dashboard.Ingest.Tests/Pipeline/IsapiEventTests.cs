using System.Net;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Registry;
using Dashboard.Core.Storage;
using Dashboard.Core.Telemetry;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>
/// Hikvision pushes that are not intrusion or line crossing: motion, alarm inputs, face captures and plate reads.
/// Every well-formed, authenticated message is acknowledged; what is not an incident is recorded as a device event.
/// </summary>
public sealed class IsapiEventTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Answer> PostAsync(byte[] xml) => _host.Client.PostAsync("/api/feeds/camera/isapi", xml, "application/xml");

    /// <summary>An NVR's push for one of its channels, identified by the serial number the registry holds.</summary>
    private static byte[] NvrPush(Camera camera, string eventType, string state, string time) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <EventNotificationAlert version="1.0" xmlns="urn:psialliance-org">
          <channelID>{camera.IsapiChannel}</channelID>
          <dateTime>{time}</dateTime>
          <activePostCount>1</activePostCount>
          <eventType>{eventType}</eventType>
          <eventState>{state}</eventState>
          <eventDescription>{eventType} alarm</eventDescription>
          <inputIOPortID>1</inputIOPortID>
          <Extensions>
            <serialNumber xmlns="urn:selfextension:psiaext-ver10-xsd">{camera.IsapiDeviceSerial}</serialNumber>
            <eventPush xmlns="urn:selfextension:psiaext-ver10-xsd">{eventType}&amp;&amp;{camera.IsapiDeviceSerial},{time},{camera.IsapiChannel},1.0</eventPush>
          </Extensions>
        </EventNotificationAlert>
        """);

    [Fact]
    public async Task Motion_from_a_camera_the_registry_does_not_know_is_recorded_not_refused()
    {
        var first = await PostAsync(Fixture.Bytes("Isapi", "vmd.xml"));
        var again = await PostAsync(Fixture.Bytes("Isapi", "vmd.xml"));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("Recorded", first.OutcomeOf());
        Assert.Contains("not in the camera registry", first.Json.GetProperty("events")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unchanged", again.OutcomeOf());
        var recorded = Assert.Single(await DeviceEventsAsync());
        Assert.Equal(("isapi", "a6:63:9e:f8:01:09", "VMD"), (recorded.Source, recorded.DeviceId, recorded.EventType));
        Assert.Empty((await _host.Client.GetJsonAsync("/api/incidents?source=isapi")).Json.EnumerateArray());
    }

    [Fact]
    public async Task An_alarm_input_from_a_registered_camera_raises_a_security_alarm_at_its_grid_and_clears_it()
    {
        var camera = TestCity.Chancheng.Devices.Cameras[7];

        var raised = await PostAsync(NvrPush(camera, "IO", "active", "2025-03-05T22:10:00+08:00"));
        var cleared = await PostAsync(NvrPush(camera, "IO", "inactive", "2025-03-05T22:10:40+08:00"));

        Assert.Equal(["Created", "AlarmUpdated"], new[] { raised, cleared }.Select(a => a.OutcomeOf()));
        Assert.Equal(raised.IncidentOf(), cleared.IncidentOf());
        var alarm = await _host.Client.GetJsonAsync($"/api/incidents/{raised.IncidentOf()}");
        Assert.Equal(TestCatalog.LineCrossing, alarm.Str("itemCode"));
        Assert.Equal(camera.GridCode.Value, alarm.Json.GetProperty("place").GetProperty("grid").GetString());
    }

    [Fact]
    public async Task Motion_from_a_registered_camera_is_a_security_alarm()
    {
        var camera = TestCity.Chancheng.Devices.Cameras[8];

        var motion = await PostAsync(NvrPush(camera, "VMD", "active", "2025-03-05T23:02:00+08:00"));

        Assert.Equal("Created", motion.OutcomeOf());
        Assert.Equal(TestCatalog.LineCrossing, (await _host.Client.GetJsonAsync($"/api/incidents/{motion.IncidentOf()}")).Str("itemCode"));
    }

    [Fact]
    public async Task A_face_capture_is_recorded_without_its_picture_and_pages_nobody()
    {
        var face = await PostAsync(Fixture.Bytes("Isapi", "chancheng_facesnap.xml"));

        Assert.Equal(HttpStatusCode.OK, face.Status);
        Assert.Equal("Recorded", face.OutcomeOf());
        Assert.Equal(JsonValueKind.Null, face.Json.GetProperty("events")[0].GetProperty("incident").ValueKind);
        var recorded = Assert.Single(await DeviceEventsAsync());
        Assert.Equal("faceSnap", recorded.EventType);
        Assert.DoesNotContain("faceRect", recorded.DetailJson!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plate_read_is_recorded_with_its_plate()
    {
        var read = await PostAsync(Fixture.Bytes("Isapi", "ipc1_anpr_plate_detected.xml"));

        Assert.Equal("Recorded", read.OutcomeOf());
        Assert.Contains("KH35192", Assert.Single(await DeviceEventsAsync()).DetailJson!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plate_read_reporting_illegal_parking_opens_an_illegal_parking_incident_where_the_camera_stands()
    {
        var violation = await PostAsync(Fixture.Bytes("Isapi", "chancheng_anpr_illegal_parking.xml"));

        Assert.Equal("Created", violation.OutcomeOf());
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{violation.IncidentOf()}");
        Assert.Equal(TestCatalog.IllegalParking, incident.Str("itemCode"));
        Assert.False(incident.Json.GetProperty("place").GetProperty("outsideDistrict").GetBoolean());
        Assert.Empty(await DeviceEventsAsync());
    }

    [Fact]
    public async Task An_event_type_the_catalog_does_not_know_is_recorded_not_refused()
    {
        var xml = Fixture.Text("Isapi", "cam1_DS-2CD2346G2-ISU_io_notification.xml")
            .Replace("<eventType>IO</eventType>", "<eventType>audioexception</eventType>", StringComparison.Ordinal);

        var answer = await PostAsync(Fixture.Utf8(xml));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Recorded", answer.OutcomeOf());
        Assert.Contains("no catalog item", answer.Json.GetProperty("events")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<DeviceEvent>> DeviceEventsAsync()
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync();
        return await db.Set<DeviceEvent>().AsNoTracking().ToListAsync();
    }
}
