using System.Net.Http.Json;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Director;
using Dashboard.Tests.Director;
using Dashboard.TestSupport.Postgres;
using Dashboard.Wall;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Wall;

[CollectionDefinition(Name)]
public sealed class WallPostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "Wall on PostgreSQL";
}

/// <summary>The wall's new queries (replay from the change log, per-grid counts, patrols) as PostgreSQL runs them.</summary>
[Collection(WallPostgresCollection.Name)]
public sealed class WallPostgresTests(PostgresClusterFixture postgres)
{
    private sealed class PostgresWallFactory(string connectionString) : WallFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Store:Provider", StoreProvider.Postgres.ToString());
            builder.UseSetting("Store:ConnectionString", connectionString);
        }
    }

    [PostgresFact]
    public async Task A_replay_on_postgresql_shows_the_case_as_it_was_and_a_replay_of_now_equals_the_live_wall()
    {
        await using var factory = new PostgresWallFactory(await postgres.CreateDatabaseAsync("wall"));
        factory.Time.SetUtcNow(WallFactory.Monday10China);
        var number = await TestIncidents.CreateAsync(factory.Services, TestPlace.Shiwan, IncidentStatus.Dispatched);
        await TestIncidents.CreateAsync(factory.Services, TestPlace.Shiwan, IncidentStatus.Registered);
        factory.Time.Advance(TimeSpan.FromMinutes(30));
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<CityDbContext>>().CreateDbContextAsync())
        {
            var incident = (await IncidentActions.Load(db, number, CancellationToken.None))!;
            factory.Services.GetRequiredService<IncidentWorkflow>().Accept(incident, Actor.System("test"));
            await db.SaveChangesAsync();
        }

        factory.Time.Advance(TimeSpan.FromMinutes(30));
        using var client = factory.CreatePlainClient();
        var token = $"token={WallFactory.DistrictToken}&scope={WallFactory.DistrictScope}";
        var earlier = (await client.GetFromJsonAsync<WallSnapshot>(new Uri($"/api/wall/replay?{token}&at=2026-11-23T10:15", UriKind.Relative)))!;
        var now = (await client.GetFromJsonAsync<WallSnapshot>(new Uri($"/api/wall/replay?{token}&at={Uri.EscapeDataString(factory.Time.GetUtcNow().ToString("O"))}", UriKind.Relative)))!;
        var live = (await client.GetFromJsonAsync<WallSnapshot>(new Uri($"/api/wall/snapshot?{token}", UriKind.Relative)))!;
        var field = (await client.GetFromJsonAsync<WallField>(new Uri($"/api/wall/field?{token}", UriKind.Relative)))!;

        Assert.Equal("Dispatched", earlier.Incidents.Single(i => i.Number == number).Status);
        Assert.Equal("Accepted", now.Incidents.Single(i => i.Number == number).Status);
        Assert.Equal(live.Stats.Kpis with { SensorsInAlarm = 0 }, now.Stats.Kpis);
        Assert.Equal(live.Stats.Areas, now.Stats.Areas);
        Assert.Equal(new WallAreaCount(TestPlace.Shiwan.CommunityCode + "001", 2, 0, 1), Assert.Single(live.Stats.Areas));
        Assert.Empty(field.Workers);
        Assert.NotEmpty(field.Cameras);
    }
}
