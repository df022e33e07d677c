using System.Net;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Ingest.Tests.Pipeline;

/// <summary>
/// The same (source, external id) twice: a redelivery changes nothing, but a source moving its own message on
/// (12345 order closed or withdrawn, camera detection ended, CAP Cancel, an upstream Open311 request updated)
/// updates the one incident that holds it.
/// </summary>
public sealed class SourceUpdateTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Order(string state, string? completeTime = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["orderNum"] = "4406042025030500123",
            ["callTime"] = "2025-03-05 08:12:45",
            ["callerType"] = "求助",
            ["questionCode"] = "0301",
            ["questionName"] = "城市管理/井盖缺失",
            ["pilotLight"] = "紧急",
            ["title"] = "季华五路井盖缺失",
            ["majorContent"] = "市民反映季华五路与华远东路交叉口东北角井盖缺失，存在安全隐患。",
            ["address"] = "禅城区季华五路与华远东路交叉口",
            ["lon"] = 113.1101,
            ["lat"] = 23.0106,
            ["crs"] = "wgs84",
            ["orderState"] = state,
            ["deadlineDate"] = "2025-03-06 08:12:45",
            ["completeTime"] = completeTime,
        }.Where(p => p.Value is not null).ToDictionary());

    [Fact]
    public async Task A_hotline_order_resent_with_a_new_state_updates_its_incident_and_a_plain_resend_changes_nothing()
    {
        var dispatched = await _host.Client.PostJsonAsync("/api/feeds/hotline", Order("已派单"));
        var resent = await _host.Client.PostJsonAsync("/api/feeds/hotline", Order("已派单"));
        var finished = await _host.Client.PostJsonAsync("/api/feeds/hotline", Order("已办结", "2025-03-05 15:40:00"));
        var finishedAgain = await _host.Client.PostJsonAsync("/api/feeds/hotline", Order("已办结", "2025-03-05 15:40:00"));

        Assert.Equal(["Created", "Unchanged", "Updated", "Unchanged"], new[] { dispatched, resent, finished, finishedAgain }.Select(a => a.OutcomeOf()));
        Assert.All(new[] { resent, finished, finishedAgain }, a => Assert.Equal(dispatched.IncidentOf(), a.IncidentOf()));
        Assert.Contains("state Open → Closed", finished.Json.GetProperty("events")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{dispatched.IncidentOf()}");
        var report = Assert.Single(incident.Json.GetProperty("reports").EnumerateArray());
        Assert.Equal("Closed", report.GetProperty("state").GetString());
        Assert.Equal(1, await TimelineCountAsync(dispatched.IncidentOf(), IncidentAction.UpdateReport));
    }

    [Fact]
    public async Task A_withdrawn_hotline_order_ends_its_incident_while_nobody_was_sent()
    {
        var dispatched = await _host.Client.PostJsonAsync("/api/feeds/hotline", Order("已派单"));
        var withdrawn = await _host.Client.PostJsonAsync("/api/feeds/hotline", Order("已撤单"));

        Assert.Equal("Updated", withdrawn.OutcomeOf());
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{dispatched.IncidentOf()}");
        Assert.Equal("Rejected", incident.Str("status"));
    }

    [Fact]
    public async Task A_camera_detection_that_ends_updates_its_incident_instead_of_being_taken_for_a_redelivery()
    {
        var camera = TestCity.Chancheng.Devices.Cameras[3];
        string Detection(string state) => JsonSerializer.Serialize(new
        {
            eventId = "AI-440604-20250305-082000-0004",
            cameraId = camera.Id,
            eventType = "占道经营",
            state,
            occurredAt = "2025-03-05T08:20:00+08:00",
            confidence = 0.88,
        });

        var active = await _host.Client.PostJsonAsync("/api/feeds/camera/events", Detection("active"));
        var ended = await _host.Client.PostJsonAsync("/api/feeds/camera/events", Detection("inactive"));
        var endedAgain = await _host.Client.PostJsonAsync("/api/feeds/camera/events", Detection("inactive"));

        Assert.Equal(["Created", "Updated", "Unchanged"], new[] { active, ended, endedAgain }.Select(a => a.OutcomeOf()));
        Assert.Equal(active.IncidentOf(), ended.IncidentOf());
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{active.IncidentOf()}");
        Assert.Equal("Cleared", Assert.Single(incident.Json.GetProperty("reports").EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_cap_cancel_referencing_the_warning_ends_that_incident_and_its_redelivery_changes_nothing()
    {
        var warning = await _host.Client.PostAsync("/api/feeds/cap", Fixture.Bytes("Cap", "chancheng_rainstorm_red.xml"), "application/cap+xml");
        var cancel = await _host.Client.PostAsync("/api/feeds/cap", Fixture.Bytes("Cap", "chancheng_rainstorm_cancel.xml"), "application/cap+xml");
        var cancelAgain = await _host.Client.PostAsync("/api/feeds/cap", Fixture.Bytes("Cap", "chancheng_rainstorm_cancel.xml"), "application/cap+xml");

        Assert.Equal(["Created", "Updated", "Unchanged"], new[] { warning, cancel, cancelAgain }.Select(a => a.OutcomeOf()));
        Assert.Equal(warning.IncidentOf(), cancel.IncidentOf());
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{warning.IncidentOf()}");
        Assert.Equal("Rejected", incident.Str("status"));
        Assert.Equal(2, incident.Json.GetProperty("reports").GetArrayLength());
    }

    [Fact]
    public async Task A_cap_cancel_without_info_is_accepted_and_ends_the_warning_it_names()
    {
        var warning = await _host.Client.PostAsync("/api/feeds/cap", Fixture.Bytes("Cap", "chancheng_rainstorm_red.xml"), "application/cap+xml");
        var bare = """
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>44060041600000_20250612090000</identifier>
              <sender>fsqx@weather.foshan.example</sender>
              <sent>2025-06-12T09:00:00+08:00</sent>
              <status>Actual</status>
              <msgType>Cancel</msgType>
              <scope>Public</scope>
              <note>Issued in error</note>
              <references>fsqx@weather.foshan.example,44060041600000_20250612081500,2025-06-12T08:15:00+08:00</references>
            </alert>
            """;
        var unknown = bare.Replace("44060041600000_20250612081500", "44060041600000_20240101000000", StringComparison.Ordinal)
            .Replace("44060041600000_20250612090000", "44060041600000_20250612090100", StringComparison.Ordinal);

        var cancel = await _host.Client.PostAsync("/api/feeds/cap", Encoding.UTF8.GetBytes(bare), "application/cap+xml");
        var cancelOfUnknown = await _host.Client.PostAsync("/api/feeds/cap", Encoding.UTF8.GetBytes(unknown), "application/cap+xml");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("Updated", cancel.OutcomeOf());
        Assert.Equal("Rejected", (await _host.Client.GetJsonAsync($"/api/incidents/{warning.IncidentOf()}")).Str("status"));
        Assert.Equal(HttpStatusCode.OK, cancelOfUnknown.Status);
        Assert.Equal("Ignored", cancelOfUnknown.OutcomeOf());
    }

    [Fact]
    public async Task An_upstream_open311_request_closed_later_updates_the_same_incident()
    {
        string Request(string status, string updated, string? notes = null) =>
            "api_key=demo-key&service_request_id=FS12345-2025-000731&service_code=CP-01-02&lat=23.0106&long=113.1101"
            + "&description=" + Uri.EscapeDataString("季华五路井盖缺失") + "&requested_datetime=" + Uri.EscapeDataString("2025-03-05T08:12:45+08:00")
            + "&status=" + status + "&updated_datetime=" + Uri.EscapeDataString(updated)
            + (notes is null ? "" : "&status_notes=" + Uri.EscapeDataString(notes));

        var opened = await Post(Request("open", "2025-03-05T08:12:45+08:00"));
        var again = await Post(Request("open", "2025-03-05T08:12:45+08:00"));
        var closed = await Post(Request("closed", "2025-03-05T16:02:00+08:00", "井盖已补装"));

        Assert.Equal(HttpStatusCode.OK, opened.Status);
        var ids = new[] { opened, again, closed }.Select(a => a.Json[0].GetProperty("service_request_id").GetString()).Distinct();
        Assert.Single(ids);
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/by-source/open311/FS12345-2025-000731");
        Assert.Equal("Closed", Assert.Single(incident.Json.GetProperty("reports").EnumerateArray()).GetProperty("state").GetString());
        Assert.Equal(1, await TimelineCountAsync(ids.Single()!, IncidentAction.UpdateReport));

        async Task<Answer> Post(string form) => await _host.Client.PostAsync("/open311/v2/requests.json", Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded");
    }

    [Fact]
    public async Task A_grid_report_resent_as_handled_on_the_spot_updates_its_incident()
    {
        var camera = TestCity.Chancheng.Devices.Cameras[5];
        string Report(bool handled) => JsonSerializer.Serialize(new
        {
            reportId = "GR-20250305-0031",
            workerId = "WG-0207",
            gridCode = camera.GridCode.Value,
            submittedAt = "2025-03-05T09:05:00+08:00",
            lon = camera.Longitude,
            lat = camera.Latitude,
            crs = "wgs84",
            items = new[] { new { itemCode = "JM-05", itemName = "占道经营", anomaly = true, note = "水果摊占道", handledOnTheSpot = handled } },
        });

        var found = await _host.Client.PostJsonAsync("/api/feeds/grid/reports", Report(false));
        var fixedOnTheSpot = await _host.Client.PostJsonAsync("/api/feeds/grid/reports", Report(true));

        Assert.Equal(["Created", "Updated"], new[] { found, fixedOnTheSpot }.Select(a => a.OutcomeOf()));
        Assert.Equal(found.IncidentOf(), fixedOnTheSpot.IncidentOf());
        var incident = await _host.Client.GetJsonAsync($"/api/incidents/{found.IncidentOf()}");
        Assert.Equal("Closed", Assert.Single(incident.Json.GetProperty("reports").EnumerateArray()).GetProperty("state").GetString());
    }

    private async Task<int> TimelineCountAsync(string number, IncidentAction action)
    {
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync();
        var incident = await db.Set<Incident>().Include(i => i.Timeline).SingleAsync(i => i.Number == number);
        return incident.Timeline.Count(t => t.Action == action);
    }
}
