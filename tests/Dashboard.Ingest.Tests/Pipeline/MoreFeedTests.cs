using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Registry;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.TestSupport;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>Camera-AI, grid-app and telemetry feeds, and reports of one problem arriving through several of them.</summary>
public sealed class MoreFeedTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Camera ShopCamera => TestCity.Chancheng.Devices.Cameras[0];

    [Fact]
    public async Task A_camera_detection_a_hotline_complaint_and_a_grid_report_at_one_shop_fuse_into_one_incident_with_each_provenance()
    {
        var shop = ShopCamera;
        var camera = await _host.Client.PostJsonAsync("/api/feeds/camera/events", JsonSerializer.Serialize(new
        {
            eventId = "AI-20250305-081000-0001",
            cameraId = shop.Id,
            eventType = "占道经营",
            state = "active",
            occurredAt = "2025-03-05T08:10:00+08:00",
            confidence = 0.91,
        }));
        var hotline = await _host.Client.PostJsonAsync("/api/feeds/hotline",
            Orders.Hotline("4406042025030500950", "0502", shop.Longitude + 0.0001, shop.Latitude, callTime: "2025-03-05 08:25:00", title: "五金店占道经营"));
        var grid = await _host.Client.PostJsonAsync("/api/feeds/grid/reports", JsonSerializer.Serialize(new
        {
            reportId = "GR-20250305-0007",
            workerId = "WG-0412",
            gridCode = shop.GridCode.Value,
            submittedAt = "2025-03-05T08:40:00+08:00",
            lon = shop.Longitude,
            lat = shop.Latitude + 0.0001,
            crs = "wgs84",
            items = new[] { new { itemCode = "JM-05", itemName = "占道经营", anomaly = true, note = "店外摆卖" } },
        }));

        Assert.Equal(HttpStatusCode.OK, grid.Status);
        Assert.Equal(["Created", "Fused", "Fused"], new[] { camera, hotline, grid }.Select(a => a.OutcomeOf()));
        Assert.All(new[] { hotline, grid }, a => Assert.Equal(camera.IncidentOf(), a.IncidentOf()));
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{camera.IncidentOf()}");
        Assert.Equal(TestCatalog.StreetVending, incident.Str("itemCode"));
        Assert.Equal(shop.GridCode.Value, incident.Json.GetProperty("place").GetProperty("grid").GetString());
        var reports = incident.Json.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(["camera", "hotline12345", "grid"], reports.Select(r => r.GetProperty("source").GetString()));
        Assert.Equal(["video-ai", "12345", "grid-app"], reports.Select(r => r.GetProperty("sourceSystem").GetString()));
        Assert.All(reports.Skip(1), r => Assert.Contains("m and", r.GetProperty("joinReason").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manhole_tilt_raises_one_sensor_alert_that_repeats_and_clears_on_the_same_incident()
    {
        var sensor = TestCity.Chancheng.Devices.Sensors.First(s => s.Kind == SensorKind.ManholeCover);
        string Reading(string at, double tilt) => JsonSerializer.Serialize(new
        {
            deviceId = sensor.Id,
            kind = "manhole",
            observedAt = at,
            readings = new { tiltDeg = tilt, battery = 80 },
        });

        var calm = await _host.Client.PostJsonAsync("/api/feeds/iot/telemetry", Reading("2025-03-05T08:00:00+08:00", 2));
        var raised = await _host.Client.PostJsonAsync("/api/feeds/iot/telemetry", Reading("2025-03-05T08:01:00+08:00", 23.5));
        var still = await _host.Client.PostJsonAsync("/api/feeds/iot/telemetry", Reading("2025-03-05T08:02:00+08:00", 24));
        var cleared = await _host.Client.PostJsonAsync("/api/feeds/iot/telemetry", Reading("2025-03-05T08:03:00+08:00", 3));
        var again = await _host.Client.PostJsonAsync("/api/feeds/iot/telemetry", Reading("2025-03-05T08:04:00+08:00", 30));

        Assert.Empty(calm.Json.GetProperty("events").EnumerateArray());
        Assert.Empty(still.Json.GetProperty("events").EnumerateArray());
        Assert.Equal("Created", raised.OutcomeOf());
        Assert.Equal("AlarmUpdated", cleared.OutcomeOf());
        Assert.Equal("AlarmUpdated", again.OutcomeOf());
        Assert.Equal(raised.IncidentOf(), cleared.IncidentOf());
        Assert.Equal(raised.IncidentOf(), again.IncidentOf());
        Assert.All(new[] { calm, raised, still, cleared, again }, a => Assert.Equal(1, a.Json.GetProperty("readingsStored").GetInt32()));
        var alert = await _host.Client.GetJsonAsync($"/api/incidents/{raised.IncidentOf()}");
        Assert.Equal("iot", alert.Str("source"));
        Assert.Equal(TestCatalog.ManholeTilt, alert.Str("itemCode"));
        Assert.Equal(3, alert.Json.GetProperty("reports").GetArrayLength());
        Assert.Equal(sensor.GridCode.Value, alert.Json.GetProperty("place").GetProperty("grid").GetString());
    }

    [Fact]
    public async Task A_redelivered_telemetry_batch_stores_no_reading_twice()
    {
        var batch = Fixture.Bytes("Telemetry", "chancheng_batch_100.json");

        var first = await _host.Client.PostAsync("/api/feeds/iot/telemetry", batch, "application/json");
        var second = await _host.Client.PostAsync("/api/feeds/iot/telemetry", batch, "application/json");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(100, first.Json.GetProperty("readingsStored").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("readingsStored").GetInt32());
        Assert.Empty(second.Json.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task A_bad_reading_refuses_the_whole_telemetry_body_naming_its_place()
    {
        var body = "[{\"deviceId\":\"MH-1\",\"kind\":\"manhole\",\"observedAt\":\"2025-03-05T08:00:00+08:00\",\"readings\":{\"tiltDeg\":\"steep\"}}]";

        var answer = await _host.Client.PostJsonAsync("/api/feeds/iot/telemetry", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("[0].readings.tiltDeg", answer.Str("field"));
    }

    [Fact]
    public async Task Patrol_positions_are_acknowledged_and_published_on_the_change_log()
    {
        var answer = await _host.Client.PostAsync("/api/feeds/grid/positions", Fixture.Bytes("Grid", "chancheng_patrol.json"), "application/json");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        await using var db = await _host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Storage.CityDbContext>>().CreateDbContextAsync();
        Assert.Single(db.ChangeLog.Where(c => c.Kind == "worker.positions"));
    }
}
