using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Dashboard.Core.Triage;
using Dashboard.Live;
using Dashboard.People;
using Dashboard.Tests.Director;
using Dashboard.Tests.People;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Triage;

/// <summary>
/// Joint-triage rooms through the app: who may enter (page, JSON API, live hub), and a decision becoming the dispatch.
/// </summary>
public sealed class TriageRoomApiTests(TriageRoomApiTests.Server server) : IClassFixture<TriageRoomApiTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public DashboardFactory Factory { get; } = new();

        public Dictionary<string, HttpClient> Clients { get; } = [];

        public async Task InitializeAsync()
        {
            foreach (var user in new[] { "operator", "director.shiwan", "liaison.sw", "liaison.cgzf", "admin" })
            {
                Clients[user] = await SignIn.AsAsync(Factory, user);
            }
        }

        public async Task DisposeAsync()
        {
            foreach (var client in Clients.Values)
            {
                client.Dispose();
            }

            await Factory.DisposeAsync();
        }
    }

    private IServiceProvider Services => server.Factory.Services;

    [Fact]
    public async Task An_uninvited_user_is_refused_by_the_page_the_api_and_the_hub_and_the_refusal_is_audited()
    {
        var room = await OpenRoomAsync(await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered), "SW");

        foreach (var outsider in new[] { "liaison.cgzf", "admin" })
        {
            var client = server.Clients[outsider];
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/triage/rooms/{room}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/triage/rooms/{room}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/triage/rooms/{room}/steps/noted", new { reason = "我也来看看" })).StatusCode);
            var hub = await Assert.ThrowsAsync<HubException>(() => Services.GetRequiredService<LiveSubscriptions>().AuthorizeAsync(Person(outsider), $"room:{room}", default));
            Assert.Contains("not invited", hub.Message, StringComparison.Ordinal);
        }

        await using var people = await Services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>().CreateDbContextAsync();
        var routes = await people.AuditLog.Where(a => a.UserName == "liaison.cgzf" && a.Resource == "room:" + room).Select(a => a.Route).ToListAsync();
        Assert.Contains("page", routes);
        Assert.Contains("api", routes);
        Assert.Contains("hub", routes);
    }

    [Fact]
    public async Task Invited_liaison_chair_and_district_operator_may_enter()
    {
        var room = await OpenRoomByAsync("director.shiwan", await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered), "SW");

        foreach (var user in new[] { "liaison.sw", "director.shiwan", "operator" })
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Clients[user].GetAsync($"/triage/rooms/{room}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await server.Clients[user].GetAsync($"/api/triage/rooms/{room}")).StatusCode);
            Assert.Equal($"room:{room}", (await Services.GetRequiredService<LiveSubscriptions>().AuthorizeAsync(Person(user), $"room:{room}", default)).ToString());
        }
    }

    [Fact]
    public async Task A_decision_dispatches_the_case_to_the_owner_with_the_deadline_closes_the_room_and_is_suggested_next_time()
    {
        var number = await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered);
        var room = await OpenRoomAsync(number, "SW", "ZJ");
        var operatorClient = server.Clients["operator"];
        Assert.Equal(HttpStatusCode.OK, (await server.Clients["liaison.sw"].PostAsJsonAsync($"/api/triage/rooms/{room}/steps/declined", new { reason = "不在供排水管网图上" })).StatusCode);
        var due = Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(2);

        var decided = await operatorClient.PostAsJsonAsync($"/api/triage/rooms/{room}/steps/decided",
            new { department = "ZJ", tier = "Street", dueUtc = due, reason = "属小区配套设施，由住建牵头" });

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        await using var db = await Services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync();
        var incident = await db.Set<Incident>().AsNoTracking().Include(i => i.Timeline).Include(i => i.Clocks).AsSplitQuery().SingleAsync(i => i.Number == number);
        Assert.Equal(IncidentStatus.Dispatched, incident.Status);
        Assert.Equal(("ZJ", HandlingTier.Street), (incident.AssignedDepartmentCode, incident.OwnerTier));
        Assert.InRange(incident.ClockFor(SlaStage.Handle)!.DueUtc, due.AddMinutes(-1), due.AddMinutes(1));
        var dispatch = Assert.Single(incident.Timeline, t => t.Action == IncidentAction.Dispatch);
        Assert.Contains(room, dispatch.Reason, StringComparison.Ordinal);
        Assert.Contains(incident.Timeline, t => t.Action == IncidentAction.Triage && t.DetailJson!.Contains("\"step\":\"declined\"", StringComparison.Ordinal));
        Assert.Contains(incident.Timeline, t => t.Action == IncidentAction.Triage && t.DetailJson!.Contains("\"step\":\"decided\"", StringComparison.Ordinal));

        var state = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/triage/rooms/{room}");
        Assert.Equal("Decided", state.GetProperty("room").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await operatorClient.PostAsJsonAsync($"/api/triage/rooms/{room}/steps/noted", new { reason = "补记" })).StatusCode);

        // The next case of the same item in the same grid gets the ruling as its first candidate.
        var next = await OpenRoomAsync(await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered), "SW");
        var candidates = (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/triage/rooms/{next}")).GetProperty("candidates");
        Assert.Equal("ZJ", candidates[0].GetProperty("departmentCode").GetString());
        Assert.Equal("Precedent", candidates[0].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task After_escalation_the_street_chair_no_longer_decides_but_the_district_does()
    {
        var room = await OpenRoomByAsync("director.shiwan", await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered), "SW");
        var director = server.Clients["director.shiwan"];
        var due = DateTimeOffset.UtcNow.AddDays(2);

        Assert.Equal(HttpStatusCode.OK, (await director.PostAsJsonAsync($"/api/triage/rooms/{room}/steps/escalated", new { reason = "水务与住建仍有分歧" })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await director.PostAsJsonAsync($"/api/triage/rooms/{room}/steps/decided", new { department = "SW", tier = "Street", dueUtc = due, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Clients["operator"].PostAsJsonAsync($"/api/triage/rooms/{room}/steps/decided", new { department = "SW", tier = "District", dueUtc = due, reason = "区级裁定" })).StatusCode);
    }

    [Fact]
    public async Task A_guest_link_opens_its_own_room_only_and_only_the_tokens_hash_is_stored()
    {
        var room = await OpenRoomAsync(await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered), "SW");
        var other = await OpenRoomAsync(await TestIncidents.CreateAsync(Services, TestPlace.Shiwan, IncidentStatus.Registered), "SW");
        var issued = await server.Clients["operator"].PostAsJsonAsync($"/api/triage/rooms/{room}/steps/guestLinkIssued", new { label = "供电局" });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("guestToken").GetString()!;
        using var guest = server.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var opened = await guest.GetAsync($"/triage/guest/{token}");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/triage/rooms/{room}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.PostAsJsonAsync($"/api/triage/rooms/{room}/steps/claimed", new { reason = "电力井盖属供电局" })).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await guest.GetAsync($"/triage/rooms/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync("/triage/guest/not-a-token")).StatusCode);
        await using var db = await Services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync();
        var link = await db.Set<RoomGuestLink>().SingleAsync(l => l.RoomId == room);
        Assert.Equal(RoomGuestLink.HashOf(token), link.TokenHash);
        Assert.DoesNotContain(token, link.TokenHash, StringComparison.Ordinal);
    }

    private Task<string> OpenRoomAsync(string number, params string[] invite) => OpenRoomByAsync("operator", number, invite);

    private async Task<string> OpenRoomByAsync(string chair, string number, params string[] invite)
    {
        var answer = await server.Clients[chair].PostAsJsonAsync($"/api/triage/incidents/{number}/rooms", new { reason = "权属不清", invite });
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("room").GetString()!;
    }

    /// <summary>The principal the hub sees for a signed-in demo user (the claims sign-in issues).</summary>
    private static ClaimsPrincipal Person(string userName)
    {
        var (role, scope) = userName switch
        {
            "operator" => (CityRoles.DistrictOperator, "440604"),
            "admin" => (CityRoles.Administrator, "440604"),
            "director.shiwan" => (CityRoles.StreetDirector, "440604010"),
            _ => (CityRoles.DepartmentLiaison, userName["liaison.".Length..].ToUpperInvariant()),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "id-" + userName), new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role),
            new Claim(WorkspaceUser.ScopeCodeClaim, scope),
        ], "test"));
    }
}
