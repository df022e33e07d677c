using System.Net;
using System.Text.RegularExpressions;
using Dashboard.People;
using Dashboard.TestSupport.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.EndToEnd.Tests.Director;

/// <summary>
/// The hub enforces a signed-in person's scope even on the command hall's own machine, where a display
/// without a person's sign-in is let in as a district wall: a street director's laptop never receives
/// another street's changes.
/// </summary>
public sealed partial class PeopleOnTheLiveHubTests : IClassFixture<DashboardServer>
{
    private const string Zumiao = "street:440604012";
    private const string Shiwan = "street:440604010";
    private readonly DashboardServer _server;

    public PeopleOnTheLiveHubTests(DashboardServer server) => _server = server;

    [Fact]
    public async Task A_signed_in_street_director_may_follow_their_street_and_is_refused_another()
    {
        var cookie = await SignInAsync("director.zumiao");
        await using var hub = await SignalRJsonClient.ConnectAsync(HubUrl(), new Dictionary<string, string> { ["Cookie"] = cookie });

        var own = await hub.InvokeAsync("Subscribe", [Zumiao, null]);
        var refusal = await Assert.ThrowsAsync<SignalRInvocationException>(() => hub.InvokeAsync("Subscribe", [Shiwan, null]));

        Assert.Equal(Zumiao, own.GetProperty("scope").GetString());
        Assert.Contains(Shiwan, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_street_director_is_refused_the_district_scope_the_local_wall_would_get()
    {
        var cookie = await SignInAsync("director.zumiao");
        await using var hub = await SignalRJsonClient.ConnectAsync(HubUrl(), new Dictionary<string, string> { ["Cookie"] = cookie });

        await Assert.ThrowsAsync<SignalRInvocationException>(() => hub.InvokeAsync("Subscribe", ["district:440604", null]));
    }

    [Theory]
    [InlineData("operator", "district:440604", true)]
    [InlineData("admin", "district:440604", true)]
    [InlineData("director.shiwan", Shiwan, true)]
    [InlineData("director.shiwan", "street:440604011", false)]
    [InlineData("worker.lanshi", "community:440604010001", true)]
    [InlineData("worker.lanshi", Shiwan, false)]
    [InlineData("liaison.sw", Shiwan, false)]
    [InlineData("liaison.sw", "district:440604", false)]
    public async Task Each_role_follows_only_its_own_scope_and_every_refusal_is_audited(string username, string scope, bool allowed)
    {
        var cookie = await SignInAsync(username);
        await using var hub = await SignalRJsonClient.ConnectAsync(HubUrl(), new Dictionary<string, string> { ["Cookie"] = cookie });

        if (allowed)
        {
            Assert.Equal(scope, (await hub.InvokeAsync("Subscribe", [scope, null])).GetProperty("scope").GetString());
            return;
        }

        await Assert.ThrowsAsync<SignalRInvocationException>(() => hub.InvokeAsync("Subscribe", [scope, null]));
        await using var people = await _server.Services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>().CreateDbContextAsync();
        Assert.True(await people.AuditLog.AnyAsync(a => a.UserName == username && a.Action == "subscribe" && a.Resource == "scope:" + scope && a.Route == "hub"));
    }

    private Uri HubUrl() => new(new Uri(_server.BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), "hubs/live");

    /// <summary>Signs in as a browser does and returns the Cookie header a hub connection would carry.</summary>
    private async Task<string> SignInAsync(string username)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = _server.BaseAddress };
        var form = await client.GetStringAsync("/account/login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var answer = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["username"] = username,
            ["password"] = "Demo-Chancheng-2026!",
            ["returnUrl"] = "/workspace",
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return cookies.GetCookieHeader(_server.BaseAddress);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
