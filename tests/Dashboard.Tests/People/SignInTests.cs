using System.Net;
using Dashboard.People;
using Dashboard.TestSupport.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.People;

public sealed class SignInTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task A_demo_director_signs_in_and_sees_their_name_and_role_in_the_header()
    {
        using var client = await SignIn.AsAsync(factory, "director.shiwan");

        var document = await DashboardFactory.ParseAsync(await client.GetAsync("/workspace"));

        Assert.Equal("director.shiwan", document.QuerySelector("[data-user]")?.GetAttribute("data-user"));
        Assert.Equal("石湾镇街道主任", document.QuerySelector(".user-name")?.TextContent);
        Assert.Equal("street:440604010", document.QuerySelector("[data-queue]")?.GetAttribute("data-live-scope"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_form_says_so()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var answer = await SignIn.PostLoginAsync(client, "director.zumiao", "not-the-password");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var page = await DashboardFactory.ParseAsync(await client.GetAsync(answer.Headers.Location));
        Assert.Equal("用户名或密码错误", page.QuerySelector("[role=alert]")?.TextContent);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignIn.PostLoginAsync(client, "worker.zinan", "wrong-" + attempt);
        }

        var answer = await SignIn.PostLoginAsync(client, "worker.zinan", SignIn.DemoPassword);

        Assert.Contains("error=locked", answer.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await SignIn.AsAsync(factory, "liaison.sw");
        var token = await SignIn.TokenAsync(client, "/workspace");

        await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        var after = await client.GetAsync("/api/workspace/incidents");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_rejected()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var answer = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "operator",
            ["password"] = SignIn.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_hashed()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<IdentityStoreDbContext>>().CreateDbContextAsync();

        var user = await db.Users.SingleAsync(u => u.UserName == "operator");

        Assert.NotNull(user.PasswordHash);
        Assert.DoesNotContain(SignIn.DemoPassword, user.PasswordHash, StringComparison.Ordinal);
        Assert.True(user.LockoutEnabled);
    }

    [Theory]
    [InlineData("director.shiwan", "street:440604010")]
    [InlineData("worker.lanshi", "community:440604010001")]
    [InlineData("operator", "district:440604")]
    [InlineData("liaison.sw", null)]
    public void Each_role_gets_the_live_scope_claim_the_hub_checks(string username, string? scope)
    {
        var demo = new Dictionary<string, (string Role, string Code)>
        {
            ["director.shiwan"] = (CityRoles.StreetDirector, "440604010"),
            ["worker.lanshi"] = (CityRoles.CommunityWorker, "440604010001"),
            ["operator"] = (CityRoles.DistrictOperator, "440604"),
            ["liaison.sw"] = (CityRoles.DepartmentLiaison, "SW"),
        }[username];

        Assert.Equal(scope, CityClaimsPrincipalFactory.LiveScopeFor(demo.Role, demo.Code));
    }

    [Fact]
    public async Task Sqlite_people_migrations_produce_exactly_the_model_schema()
    {
        var path = Path.Combine(Path.GetTempPath(), $"people-schema-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteIdentityStoreDbContext>()
            .UseSqlite($"Data Source={path}", o => o.MigrationsHistoryTable(IdentityStoreDbContext.MigrationsHistoryTable))
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options;
        await using var db = new SqliteIdentityStoreDbContext(options);
        await db.Database.MigrateAsync();

        var expected = DatabaseSchema.FromModel(db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model.GetRelationalModel());
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        var actual = (await DatabaseSchema.ReadSqliteAsync(connection)).Without(IdentityStoreDbContext.MigrationsHistoryTable);

        Assert.Empty(expected.DifferencesFrom(actual));
    }
}
