using System.Net;
using Dashboard.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.People;

/// <summary>/admin/users: only administrators manage people; every change and refusal is audited.</summary>
public sealed class UserAdministrationTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const string NewPassword = "Another-Pass-2026!";

    [Fact]
    public async Task An_administrator_creates_a_street_director_who_can_then_work_their_street()
    {
        using var admin = await SignIn.AsAsync(factory, "admin");

        var created = await PostAsync(admin, "/admin/users/", new()
        {
            ["userName"] = "director.new", ["displayName"] = "新任主任", ["role"] = CityRoles.StreetDirector, ["scopeCode"] = "440604011", ["password"] = NewPassword,
        });

        Assert.Contains("done=", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await DashboardFactory.ParseAsync(await admin.GetAsync("/admin/users"));
        Assert.NotNull(page.QuerySelector("[data-user-row='director.new']"));
        using var director = await SignIn.AsAsync(factory, "director.new", NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/workspace")).StatusCode);
        Assert.True(await AuditedAsync("admin", "user.create", "user:director.new", AuditRecord.Allowed));
    }

    [Fact]
    public async Task A_scope_that_is_not_in_the_city_is_refused_with_a_message_and_audited()
    {
        using var admin = await SignIn.AsAsync(factory, "admin");

        var refused = await PostAsync(admin, "/admin/users/", new()
        {
            ["userName"] = "director.nowhere", ["role"] = CityRoles.StreetDirector, ["scopeCode"] = "440604999", ["password"] = NewPassword,
        });

        Assert.Contains(Uri.EscapeDataString("不是本区的镇街编码"), refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(await AuditedAsync("admin", "user.create", "user:director.nowhere", AuditRecord.Refused));
    }

    [Fact]
    public async Task A_locked_person_cannot_sign_in_until_unlocked_and_a_reset_password_replaces_the_old_one()
    {
        using var admin = await SignIn.AsAsync(factory, "admin");
        await PostAsync(admin, "/admin/users/", new()
        {
            ["userName"] = "worker.temp", ["role"] = CityRoles.CommunityWorker, ["scopeCode"] = "440604010001", ["password"] = NewPassword,
        });
        var id = await UserIdAsync("worker.temp");

        await PostAsync(admin, $"/admin/users/{id}/lock", []);
        using (var locked = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }))
        {
            var answer = await SignIn.PostLoginAsync(locked, "worker.temp", NewPassword);
            Assert.Contains("error=locked", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        await PostAsync(admin, $"/admin/users/{id}/unlock", []);
        await PostAsync(admin, $"/admin/users/{id}/password", new() { ["password"] = "Reset-Pass-2026!" });

        using var again = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Contains("error=invalid", (await SignIn.PostLoginAsync(again, "worker.temp", NewPassword)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var signedIn = await SignIn.AsAsync(factory, "worker.temp", "Reset-Pass-2026!");
        Assert.True(await AuditedAsync("admin", "user.lock", "user:worker.temp", AuditRecord.Allowed));
        Assert.True(await AuditedAsync("admin", "user.password", "user:worker.temp", AuditRecord.Allowed));
    }

    [Fact]
    public async Task Changing_a_role_and_scope_moves_the_person_to_the_new_scope()
    {
        using var admin = await SignIn.AsAsync(factory, "admin");
        await PostAsync(admin, "/admin/users/", new()
        {
            ["userName"] = "liaison.moving", ["role"] = CityRoles.DepartmentLiaison, ["scopeCode"] = "SW", ["password"] = NewPassword,
        });

        var changed = await PostAsync(admin, $"/admin/users/{await UserIdAsync("liaison.moving")}/role", new() { ["role"] = CityRoles.DepartmentLiaison, ["scopeCode"] = "CGZF" });

        Assert.Contains("done=", changed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CityUser>>().FindByNameAsync("liaison.moving");
        Assert.Equal("CGZF", user!.ScopeCode);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("director.shiwan")]
    [InlineData("liaison.sw")]
    public async Task Nobody_but_an_administrator_may_see_or_change_people(string who)
    {
        using var client = await SignIn.AsAsync(factory, who);
        var page = await client.GetAsync("/admin/users");
        var token = await SignIn.TokenAsync(client, "/workspace");
        var form = await client.PostAsync("/admin/users/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "sneaky." + who, ["role"] = CityRoles.Administrator, ["scopeCode"] = "440604", ["password"] = NewPassword,
        }));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Null(await UserIdOrNullAsync("sneaky." + who));
        Assert.True(await AuditedAsync(who, "user.create", "user:sneaky." + who, AuditRecord.Refused));
        Assert.True(await AuditedAsync(who, "view", "admin:users", AuditRecord.Refused));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        using var admin = await SignIn.AsAsync(factory, "admin");

        var answer = await admin.PostAsync("/admin/users/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "csrf.victim", ["role"] = CityRoles.Administrator, ["scopeCode"] = "440604", ["password"] = NewPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(await UserIdOrNullAsync("csrf.victim"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await SignIn.TokenAsync(client, "/admin/users");
        var answer = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer;
    }

    private async Task<string> UserIdAsync(string userName) => await UserIdOrNullAsync(userName) ?? throw new InvalidOperationException($"{userName} was not created.");

    private async Task<string?> UserIdOrNullAsync(string userName)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstOrDefaultAsync();
    }

    private async Task<bool> AuditedAsync(string userName, string action, string resource, string outcome)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>().CreateDbContextAsync();
        return await db.AuditLog.AnyAsync(a => a.UserName == userName && a.Action == action && a.Resource == resource && a.Outcome == outcome);
    }
}
