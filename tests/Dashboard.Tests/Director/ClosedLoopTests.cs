using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.People;
using Dashboard.Tests.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Director;

/// <summary>
/// The closed loop through the workspace's routes: closure photos, the citizen callback, the approval inbox, the
/// whistle, dispatch deadlines, and what the citizen reads on their Open311 request after each step.
/// </summary>
public sealed class ClosedLoopTests(AuthorizationMatrixTests.Server server) : IClassFixture<AuthorizationMatrixTests.Server>
{
    private static readonly byte[] Png = Convert.FromBase64String(AuthorizationMatrixTests.TinyPng);

    private IServiceProvider Services => server.Factory.Services;

    private HttpClient Director => server.Clients["director.shiwan"];

    private HttpClient Liaison => server.Clients["liaison.sw"];

    [Fact]
    public async Task A_handling_report_without_a_photo_of_the_result_is_refused_in_Chinese()
    {
        var number = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Accepted);

        var form = await PostFormAsync(Liaison, number, new() { ["action"] = "Handle", ["reason"] = "已修复" });
        var api = await Liaison.PostAsJsonAsync($"/api/workspace/incidents/{number}/actions/Handle", new { reason = "已修复" });

        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Contains(Uri.EscapeDataString("处置后照片"), form.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("处置后照片", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Accepted, (await TestIncidents.LoadAsync(Services, number)).Status);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_it_is_called()
    {
        var number = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Accepted);

        var answer = await Liaison.PostAsJsonAsync($"/api/workspace/incidents/{number}/actions/Handle", new
        {
            reason = "已修复",
            photos = new[] { new { stage = "After", fileName = "after.jpg", dataBase64 = Convert.ToBase64String("<svg onload=alert(1)>"u8.ToArray()) } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("不是 JPEG、PNG 或 WebP", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photos_sent_with_the_report_are_shown_to_those_who_see_the_case_and_to_nobody_else()
    {
        var number = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Accepted);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await SignIn.TokenAsync(Liaison, $"/workspace/incidents/{number}")), "__RequestVerificationToken" },
            { new StringContent("Handle"), "action" },
            { new StringContent("已更换井盖"), "reason" },
            { new ByteArrayContent(Png), "before", "before.png" },
            { new ByteArrayContent(Png), "after", "after.png" },
        };

        var handled = await Liaison.PostAsync($"/workspace/incidents/{number}/act", content);

        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        Assert.Contains("done=Handle", handled.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var detail = await Director.GetFromJsonAsync<JsonElement>($"/api/workspace/incidents/{number}");
        var photos = detail.GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal(["Before", "After"], photos.Select(p => p.GetProperty("stage").GetString()));
        var url = photos[1].GetProperty("url").GetString()!;

        var seen = await Director.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal("image/png", seen.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", seen.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await seen.Content.ReadAsByteArrayAsync());

        using var otherStreet = await SignIn.AsAsync(server.Factory, "director.zhangcha");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync(url)).StatusCode);
        using var anonymous = server.Factory.CreateBrowserLikeClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        await using var people = await Services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>().CreateDbContextAsync();
        Assert.True(await people.AuditLog.AnyAsync(a => a.UserName == "director.zhangcha" && a.Action == "photo" && a.Resource.StartsWith("incident:" + number)));
        var timeline = (await TestIncidents.LoadAsync(Services, number)).Timeline;
        Assert.Contains("after.png", timeline.Single(t => t.Action == IncidentAction.Handle).DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizens_case_closes_only_after_a_satisfied_callback_and_an_unsatisfied_one_reopens_it()
    {
        var number = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Verified);

        var early = await ActAsync(Director, number, "Close", new { reason = "办结" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("回访", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unhappy = await ActAsync(Director, number, "RecordCallback", new { reason = "市民反映井盖仍松动", satisfied = false });
        Assert.Equal(HttpStatusCode.OK, unhappy.StatusCode);
        var reopened = await TestIncidents.LoadAsync(Services, number);
        Assert.Equal(IncidentStatus.Registered, reopened.Status);
        Assert.Equal([IncidentAction.RecordCallback, IncidentAction.Reopen], reopened.Timeline.OrderBy(t => t.Sequence).TakeLast(2).Select(t => t.Action));
        Assert.Contains("重新立案", (await CitizenViewAsync(number)).Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_lists_a_pause_request_and_approving_it_stops_the_clocks()
    {
        var number = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Accepted, prepared: Prepared.PendingPause);

        var inbox = await Director.GetFromJsonAsync<JsonElement>("/api/workspace/inbox");
        var item = inbox.EnumerateArray().Single(i => i.GetProperty("number").GetString() == number);
        Assert.Equal("Pause", item.GetProperty("kind").GetString());
        Assert.Equal(["ApprovePause", "DenyPause"], item.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(Director, number, "ApprovePause", new { reason = "同意，许可办好后恢复" })).StatusCode);

        var paused = await TestIncidents.LoadAsync(Services, number);
        Assert.True(paused.IsPaused);
        Assert.Null(paused.DueUtc);
        Assert.Contains(paused.Timeline, t => t.Action == IncidentAction.ApprovePause && t.ActorId == "user:director.shiwan" && t.Reason == "同意，许可办好后恢复");
        var after = await Director.GetFromJsonAsync<JsonElement>("/api/workspace/inbox");
        Assert.DoesNotContain(after.EnumerateArray(), i => i.GetProperty("number").GetString() == number);
        Assert.Contains("暂停计时", (await CitizenViewAsync(number)).Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_sent_back_from_the_inbox_page_goes_to_the_department_that_returned_it()
    {
        var number = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Returned);

        var page = await DashboardFactory.ParseAsync(await Director.GetAsync("/workspace/inbox"));
        var item = page.QuerySelector($"[data-inbox-item='Return'][data-incident='{number}']");
        Assert.NotNull(item);
        Assert.NotNull(item.QuerySelector("form[data-action='SendBack']"));
        Assert.NotNull(item.QuerySelector("form[data-action='Dispatch']"));

        var refused = await PostFormAsync(Director, number, new() { ["action"] = "SendBack" });
        Assert.Contains("error=", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var sent = await PostFormAsync(Director, number, new() { ["action"] = "SendBack", ["reason"] = "井盖属水务职责" });

        Assert.Contains("done=SendBack", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var incident = await TestIncidents.LoadAsync(Services, number);
        Assert.Equal(IncidentStatus.Dispatched, incident.Status);
        Assert.Equal("SW", incident.AssignedDepartmentCode);
    }

    [Fact]
    public async Task A_summoned_department_sees_the_case_and_reports_in_but_does_not_take_over_its_handling()
    {
        var number = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Dispatched, department: "CGZF");

        var whistle = await ActAsync(Director, number, "BlowWhistle", new { reason = "路面塌陷，水务到场", departments = new[] { "SW" }, minutes = 20 });
        Assert.Equal(HttpStatusCode.OK, whistle.StatusCode);

        var queue = await Liaison.GetFromJsonAsync<JsonElement>("/api/workspace/incidents");
        var row = queue.EnumerateArray().Single(r => r.GetProperty("number").GetString() == number);
        Assert.Equal(["ReportIn"], row.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(Liaison, number, "Accept", new { })).StatusCode);
        var queuePage = await DashboardFactory.ParseAsync(await Director.GetAsync("/workspace"));
        Assert.Contains("0/1", queuePage.QuerySelector($"[data-incident='{number}'] [data-whistle-badge]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(Liaison, number, "ReportIn", new { reason = "两人 15 分钟到场" })).StatusCode);

        var detail = await DashboardFactory.ParseAsync(await Director.GetAsync($"/workspace/incidents/{number}"));
        Assert.Equal("true", detail.QuerySelector("[data-summons='SW']")!.GetAttribute("data-reported"));
        Assert.Contains("两人 15 分钟到场", detail.QuerySelector("[data-summons='SW']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync(Liaison, number, "ReportIn", new { reason = "again" })).StatusCode);
    }

    [Fact]
    public async Task A_dispatch_deadline_may_be_earlier_than_the_rule_but_not_later()
    {
        var late = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered);
        var early = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered);
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();

        var refused = await ActAsync(Director, late, "Dispatch", new { department = "SW", deadline = now.AddDays(400).ToString("O") });
        var chosen = now.AddHours(3);
        var accepted = await ActAsync(Director, early, "Dispatch", new { department = "SW", deadline = chosen.ToString("O") });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("later than the rules allow", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Registered, (await TestIncidents.LoadAsync(Services, late)).Status);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var handle = (await TestIncidents.LoadAsync(Services, early)).Clocks.Single(c => c.Stage == SlaStage.Handle && !c.IsCompleted);
        Assert.Equal(chosen.ToUnixTimeSeconds(), handle.DueUtc.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_citizens_open311_request_reads_where_its_case_is_after_every_step()
    {
        using var citizen = server.Factory.CreateClient();
        var posted = await citizen.PostAsync("/open311/v2/requests.json?api_key=demo-key", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["service_code"] = "CP-01-01",
            ["lat"] = "23.0284",
            ["long"] = "113.1290",
            ["address_string"] = "石湾镇街道 澜石 测试路",
            ["description"] = "井盖缺失 " + Guid.NewGuid().ToString("N")[..8],
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var number = (await posted.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;
        var png = new[] { new { stage = "After", fileName = "after.png", dataBase64 = AuthorizationMatrixTests.TinyPng } };

        var seen = new List<(string Status, string Notes)> { await CitizenViewAsync(number) };
        foreach (var (client, action, body) in new (HttpClient, string, object)[]
        {
            (Director, "Register", new { }),
            (Director, "Dispatch", new { department = "SW" }),
            (Liaison, "Accept", new { }),
            (Liaison, "Handle", new { reason = "已更换", photos = png }),
            (Director, "Verify", new { }),
            (Director, "RecordCallback", new { reason = "市民满意", satisfied = true }),
            (Director, "Close", new { }),
        })
        {
            var answer = await ActAsync(client, number, action, body);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{action}: {await answer.Content.ReadAsStringAsync()}");
            seen.Add(await CitizenViewAsync(number));
        }

        Assert.Equal(["open", "open", "open", "open", "open", "open", "open", "closed"], seen.Select(s => s.Status));
        string[] expected = ["已受理", "已立案", "已派遣至", "正在处理", "已处置", "现场核查已完成", "现场核查已完成", "已办结"];
        Assert.All(expected.Zip(seen), pair => Assert.Contains(pair.First, pair.Second.Notes, StringComparison.Ordinal));
    }

    private async Task<(string Status, string Notes)> CitizenViewAsync(string number)
    {
        using var citizen = server.Factory.CreateClient();
        var body = await citizen.GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{number}.json?api_key=demo-key");
        return (body[0].GetProperty("status").GetString()!, body[0].GetProperty("status_notes").GetString()!);
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string number, string action, object body) =>
        client.PostAsJsonAsync($"/api/workspace/incidents/{number}/actions/{action}", body);

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string number, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await SignIn.TokenAsync(client, $"/workspace/incidents/{number}");
        return await client.PostAsync($"/workspace/incidents/{number}/act", new FormUrlEncodedContent(fields));
    }
}
