using System.Security.Claims;
using System.Text.Json;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.People;
using Dashboard.Tests.Director;
using Dashboard.Wall;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Wall;

/// <summary>
/// "Drive the wall": a view a director sends is authorized for their scope on the server, written to the change log
/// with their name (the audit trail and the walls' feed), and refused into <c>audit_log</c> when it reaches outside.
/// </summary>
public sealed class WallDriveTests(WallDriveTests.Server server) : IClassFixture<WallDriveTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public WallFactory Factory { get; } = new();

        public Task InitializeAsync()
        {
            Factory.Time.SetUtcNow(WallFactory.Monday10China);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();

        /// <summary>The principal sign-in would give the demo user (same claims factory).</summary>
        public async Task<ClaimsPrincipal> AsAsync(string username)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CityUser>>();
            var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CityUser>>();
            return await principals.CreateAsync((await users.FindByNameAsync(username))!);
        }

        public Task<WallViewCommand> DriveAsync(string username, WallView view) =>
            AsAsync(username).ContinueWith(p => Factory.Services.GetRequiredService<WallDriver>().DriveAsync(p.Result, view, CancellationToken.None)).Unwrap();

        public async Task<List<AuditRecord>> RefusalsAsync(string username)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            return await db.AuditLog.AsNoTracking().Where(a => a.UserName == username && a.Action == "drive-wall").ToListAsync();
        }
    }

    [Fact]
    public async Task A_street_director_s_view_of_their_street_reaches_their_street_s_wall_signed_with_their_name()
    {
        var number = await TestIncidents.CreateAsync(server.Factory.Services, TestPlace.Shiwan, IncidentStatus.Registered);

        var command = await server.DriveAsync("director.shiwan", new WallView(WallFactory.StreetScope, Incident: number));

        await using var db = await server.Factory.Services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync();
        var row = await db.ChangeLog.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync(e => e.Kind == WallDriver.Kind);
        Assert.Equal("user:director.shiwan", row.Actor);
        Assert.Equal(WallFactory.StreetScope, row.EntityId);
        Assert.Equal(TestPlace.Shiwan.StreetCode, row.StreetCode);
        var sent = JsonSerializer.Deserialize<WallViewCommand>(row.Payload, JsonSerializerOptions.Web)!;
        Assert.Equal(number, sent.Incident);
        Assert.Equal("石湾镇街道主任", sent.ByName);
        Assert.Equal(command, sent);
        Assert.True(row.IsCritical);
    }

    [Fact]
    public async Task A_street_director_may_not_drive_another_street_s_wall_and_the_attempt_is_audited()
    {
        var refused = await Assert.ThrowsAsync<WallDriveRefusedException>(() =>
            server.DriveAsync("director.shiwan", new WallView("street:440604011", Street: "440604011")));

        Assert.Contains("street:440604010", refused.Message, StringComparison.Ordinal);
        var audit = Assert.Single(await server.RefusalsAsync("director.shiwan"), a => a.Resource == "wall:street:440604011");
        Assert.Equal("hub", audit.Route);
    }

    [Fact]
    public async Task A_street_director_may_not_put_another_street_on_the_district_wall()
    {
        var zhangcha = await TestIncidents.CreateAsync(server.Factory.Services, TestPlace.Zhangcha, IncidentStatus.Registered);

        await Assert.ThrowsAsync<WallDriveRefusedException>(() => server.DriveAsync("director.shiwan", new WallView(WallFactory.DistrictScope, Street: "440604011")));
        await Assert.ThrowsAsync<WallDriveRefusedException>(() => server.DriveAsync("director.shiwan", new WallView(WallFactory.StreetScope, Incident: zhangcha)));
    }

    [Fact]
    public async Task The_district_operator_drives_the_district_wall_to_any_street()
    {
        var command = await server.DriveAsync("operator", new WallView(WallFactory.DistrictScope, Street: "440604100", Zoom: 14));

        Assert.Equal(WallFactory.DistrictScope, command.Target);
        Assert.Equal("440604100", command.Street);
    }

    [Theory]
    [InlineData("worker.lanshi")]
    [InlineData("liaison.sw")]
    public async Task Community_workers_and_department_liaisons_do_not_drive_walls(string username)
    {
        await Assert.ThrowsAsync<WallDriveRefusedException>(() => server.DriveAsync(username, new WallView(WallFactory.StreetScope, Street: TestPlace.Shiwan.StreetCode)));

        Assert.NotEmpty(await server.RefusalsAsync(username));
    }

    [Fact]
    public async Task A_display_screen_without_a_person_signed_in_cannot_drive()
    {
        var display = new ClaimsPrincipal(new ClaimsIdentity([new Claim(WallDisplayAuthenticationHandler.DisplayClaimType, "token")], WallDisplayAuthenticationHandler.SchemeName));

        await Assert.ThrowsAsync<WallDriveRefusedException>(() =>
            server.Factory.Services.GetRequiredService<WallDriver>().DriveAsync(display, new WallView(WallFactory.DistrictScope, Street: "440604010"), CancellationToken.None));
    }
}
