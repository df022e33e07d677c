using System.Net;
using System.Net.Http.Json;
using Dashboard.Core.Incidents;
using Dashboard.Director;
using Dashboard.People;
using Dashboard.Tests.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Director;

/// <summary>
/// Every role × every workspace action × a case in the user's own scope and one in another scope, through the JSON
/// API and the page/form routes. The expectations are written out here, not derived from the authorizer, so a
/// change to who may do what has to change this table too.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Server server) : IClassFixture<AuthorizationMatrixTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public DashboardFactory Factory { get; } = new();

        public Dictionary<string, HttpClient> Clients { get; } = [];

        public async Task InitializeAsync()
        {
            foreach (var (user, _) in Users)
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

    private static readonly (string User, string Role)[] Users =
    [
        ("operator", CityRoles.DistrictOperator),
        ("director.shiwan", CityRoles.StreetDirector),
        ("worker.lanshi", CityRoles.CommunityWorker),
        ("liaison.sw", CityRoles.DepartmentLiaison),
        ("admin", CityRoles.Administrator),
    ];

    /// <summary>Who may do what (before scope and state), as the spec and docs/director-workspace.md say.</summary>
    private static readonly Dictionary<string, IncidentAction[]> MayDo = new()
    {
        [CityRoles.DistrictOperator] =
        [
            IncidentAction.Register, IncidentAction.SelfHandle, IncidentAction.Dispatch, IncidentAction.Verify, IncidentAction.FailVerification,
            IncidentAction.Close, IncidentAction.Reopen, IncidentAction.Escalate, IncidentAction.Merge, IncidentAction.Reject,
            IncidentAction.ApproveExtension, IncidentAction.DenyExtension,
            IncidentAction.RecordCallback, IncidentAction.SendBack, IncidentAction.ApprovePause, IncidentAction.DenyPause, IncidentAction.Resume,
            IncidentAction.BlowWhistle,
        ],
        [CityRoles.CommunityWorker] = [IncidentAction.SelfHandle, IncidentAction.Verify, IncidentAction.FailVerification, IncidentAction.Escalate],
        [CityRoles.DepartmentLiaison] =
        [
            IncidentAction.Accept, IncidentAction.Return, IncidentAction.Handle, IncidentAction.RequestExtension,
            IncidentAction.RequestPause, IncidentAction.Resume, IncidentAction.ReportIn,
        ],
        [CityRoles.Administrator] = [],
    };

    /// <summary>
    /// For each action: a state where it is legal, what else waits on the case, and whether it is an on-the-spot item.
    /// The case is dispatched to SW (the liaison's department) when its status implies a department.
    /// </summary>
    private static readonly Dictionary<IncidentAction, (IncidentStatus Status, Prepared Prepared, bool OnTheSpot)> Setups = new()
    {
        [IncidentAction.Register] = (IncidentStatus.Reported, Prepared.None, false),
        [IncidentAction.SelfHandle] = (IncidentStatus.Reported, Prepared.None, true),
        [IncidentAction.Dispatch] = (IncidentStatus.Registered, Prepared.None, false),
        [IncidentAction.Accept] = (IncidentStatus.Dispatched, Prepared.None, false),
        [IncidentAction.Return] = (IncidentStatus.Dispatched, Prepared.None, false),
        [IncidentAction.Handle] = (IncidentStatus.Accepted, Prepared.None, false),
        [IncidentAction.Verify] = (IncidentStatus.Handled, Prepared.None, false),
        [IncidentAction.FailVerification] = (IncidentStatus.Handled, Prepared.None, false),
        [IncidentAction.RecordCallback] = (IncidentStatus.Verified, Prepared.None, false),
        [IncidentAction.Close] = (IncidentStatus.Verified, Prepared.SatisfiedCallback, false),
        [IncidentAction.Reopen] = (IncidentStatus.Closed, Prepared.None, false),
        [IncidentAction.SendBack] = (IncidentStatus.Returned, Prepared.None, false),
        [IncidentAction.Escalate] = (IncidentStatus.Registered, Prepared.None, false),
        [IncidentAction.Merge] = (IncidentStatus.Reported, Prepared.None, false),
        [IncidentAction.Reject] = (IncidentStatus.Reported, Prepared.None, false),
        [IncidentAction.RequestExtension] = (IncidentStatus.Accepted, Prepared.None, false),
        [IncidentAction.ApproveExtension] = (IncidentStatus.Accepted, Prepared.PendingExtension, false),
        [IncidentAction.DenyExtension] = (IncidentStatus.Accepted, Prepared.PendingExtension, false),
        [IncidentAction.RequestPause] = (IncidentStatus.Accepted, Prepared.None, false),
        [IncidentAction.ApprovePause] = (IncidentStatus.Accepted, Prepared.PendingPause, false),
        [IncidentAction.DenyPause] = (IncidentStatus.Accepted, Prepared.PendingPause, false),
        [IncidentAction.Resume] = (IncidentStatus.Accepted, Prepared.Paused, false),
        [IncidentAction.BlowWhistle] = (IncidentStatus.Dispatched, Prepared.None, false),
        [IncidentAction.ReportIn] = (IncidentStatus.Dispatched, Prepared.Summoned, false),
    };

    [Fact]
    public void The_matrix_covers_every_workspace_action()
    {
        Assert.Equal(IncidentAuthorizer.WorkspaceActions.Order(), Setups.Keys.Order());
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (user, _) in Users)
        {
            foreach (var action in Setups.Keys)
            {
                data.Add(user, action.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_may_do_exactly_its_actions_in_its_own_scope_and_nothing_in_another(string user, string actionName)
    {
        var action = Enum.Parse<IncidentAction>(actionName);
        var role = Users.Single(u => u.User == user).Role;
        var setup = Setups[action];
        var services = server.Factory.Services;
        var client = server.Clients[user];

        // Own scope: the liaison's own cases are those dispatched to SW; for the others the place decides.
        var own = await TestIncidents.CreateAsync(services, TestPlace.Shiwan, setup.Status, "SW", setup.OnTheSpot, prepared: setup.Prepared);
        var ownMaster = action == IncidentAction.Merge ? await TestIncidents.CreateAsync(services, TestPlace.Shiwan, IncidentStatus.Registered) : null;
        var ownAnswer = await ActAsync(client, own, action, ownMaster);
        var ownVisible = role != CityRoles.DepartmentLiaison || (setup.Status is not (IncidentStatus.Reported or IncidentStatus.Registered or IncidentStatus.Returned));
        var mayDo = (MayDo.GetValueOrDefault(role) ?? MayDo[CityRoles.DistrictOperator]).Contains(action);
        var expected = !ownVisible ? HttpStatusCode.NotFound : mayDo ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.True(expected == ownAnswer.StatusCode, $"{user} {action} own scope: expected {(int)expected}, got {(int)ownAnswer.StatusCode} {await ownAnswer.Content.ReadAsStringAsync()}");
        var after = await TestIncidents.LoadAsync(services, own);
        Assert.Equal(expected == HttpStatusCode.OK, after.Timeline.Any(t => t.Action == action && t.ActorId == "user:" + user));

        // Another scope: another street, and for the liaison another department. District roles have no other scope.
        if (role is CityRoles.DistrictOperator or CityRoles.Administrator)
        {
            return;
        }

        var other = await TestIncidents.CreateAsync(services, TestPlace.Zhangcha, setup.Status, "CGZF", setup.OnTheSpot, prepared: setup.Prepared);
        var otherMaster = action == IncidentAction.Merge ? await TestIncidents.CreateAsync(services, TestPlace.Zhangcha, IncidentStatus.Registered) : null;
        var apiAnswer = await ActAsync(client, other, action, otherMaster);
        Assert.Equal(HttpStatusCode.NotFound, apiAnswer.StatusCode);
        var page = await client.GetAsync($"/workspace/incidents/{other}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var form = await PostFormAsync(client, other, action);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
        var untouched = await TestIncidents.LoadAsync(services, other);
        Assert.DoesNotContain(untouched.Timeline, t => t.ActorId == "user:" + user);

        await using var people = await services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>().CreateDbContextAsync();
        var refusals = await people.AuditLog.Where(a => a.UserName == user && a.Resource == "incident:" + other).ToListAsync();
        Assert.Contains(refusals, r => r.Route == "api");
        Assert.Contains(refusals, r => r.Route == "page");
        Assert.Contains(refusals, r => r.Route == "form");
    }

    [Fact]
    public async Task A_guessed_number_outside_the_scope_answers_like_a_missing_one()
    {
        var other = await TestIncidents.CreateAsync(server.Factory.Services, TestPlace.Zhangcha, IncidentStatus.Registered);
        var client = server.Clients["director.shiwan"];

        var existing = await client.GetAsync($"/api/workspace/incidents/{other}");
        var missing = await client.GetAsync("/api/workspace/incidents/SJ209912319999");

        Assert.Equal(HttpStatusCode.NotFound, existing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var list = await client.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/workspace/incidents?all=true");
        Assert.DoesNotContain(list!, row => row["number"]?.ToString() == other);
    }

    [Fact]
    public async Task An_action_the_state_does_not_allow_is_refused_with_a_message_naming_the_state()
    {
        var closed = await TestIncidents.CreateAsync(server.Factory.Services, TestPlace.Shiwan, IncidentStatus.Closed);

        var answer = await ActAsync(server.Clients["director.shiwan"], closed, IncidentAction.Dispatch, null);

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("当前为「已结案」", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api_and_the_sign_in_page_from_pages()
    {
        using var anonymous = server.Factory.CreateBrowserLikeClient();

        var api = await anonymous.GetAsync("/api/workspace/incidents");
        var page = await anonymous.GetAsync("/workspace");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/account/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A one-pixel PNG: enough for the type check of closure photos.</summary>
    public static readonly string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string number, IncidentAction action, string? master) =>
        client.PostAsJsonAsync($"/api/workspace/incidents/{number}/actions/{action}", new
        {
            reason = "matrix",
            department = action == IncidentAction.Dispatch ? "SW" : null,
            mergeInto = master,
            extraHours = 24,
            satisfied = true,
            departments = new[] { "SW" },
            photos = action == IncidentAction.Handle ? new[] { new { stage = "After", fileName = "after.png", dataBase64 = TinyPng } } : null,
        });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string number, IncidentAction action)
    {
        var token = await SignIn.TokenAsync(client, "/workspace");
        return await client.PostAsync($"/workspace/incidents/{number}/act", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["action"] = action.ToString(),
            ["reason"] = "matrix",
        }));
    }
}
