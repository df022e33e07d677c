using Dashboard.Core.Incidents;
using Dashboard.Tests.Director;
using Dashboard.Wall;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Wall;

/// <summary>The demo duty desk moves cases the way the demo users would, through the real actions, under their names.</summary>
public sealed class DutyDeskTests(DutyDeskTests.Server server) : IClassFixture<DutyDeskTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public DeskFactory Factory { get; } = new();

        public Task InitializeAsync()
        {
            Factory.Time.SetUtcNow(WallFactory.Monday10China);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    /// <summary>No returns and no failed checks: those are chance by design, and a test follows one path to its end.</summary>
    public sealed class DeskFactory : WallFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Wall:DutyDesk:ReturnPercent", "0");
            builder.UseSetting("Wall:DutyDesk:FailVerificationPercent", "0");
            builder.UseSetting("Wall:DutyDesk:ActionsPerRound", "4");
        }
    }

    /// <summary>A Shiwan manhole case (水务局) that the desk will, or will not, leave to sit: chosen by its number.</summary>
    private async Task<string> ShiwanCaseAsync(IncidentStatus status, bool neglected)
    {
        var services = server.Factory.Services;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var number = await TestIncidents.CreateAsync(services, TestPlace.Shiwan, status);
            if (DutyDesk.IsNeglected(number, new DutyDeskOptions().NeglectPercent) == neglected)
            {
                return number;
            }
        }

        throw new InvalidOperationException("No case number with the wanted neglect in 60 tries.");
    }

    /// <summary>Runs rounds, a minute apart on the test clock, until the case reaches one of <paramref name="until"/>.</summary>
    private async Task<Incident> RunUntilAsync(string number, params IncidentStatus[] until)
    {
        var desk = server.Factory.Services.GetRequiredService<DutyDesk>();
        for (var round = 0; round < 200; round++)
        {
            server.Factory.Time.Advance(TimeSpan.FromMinutes(1));
            await desk.RunRoundAsync(CancellationToken.None);
            var incident = await TestIncidents.LoadAsync(server.Factory.Services, number);
            if (until.Contains(incident.Status))
            {
                return incident;
            }
        }

        return await TestIncidents.LoadAsync(server.Factory.Services, number);
    }

    [Fact]
    public async Task A_reported_case_is_registered_dispatched_handled_verified_and_closed_each_step_by_the_demo_user_whose_job_it_is()
    {
        var number = await ShiwanCaseAsync(IncidentStatus.Reported, neglected: false);

        var incident = await RunUntilAsync(number, IncidentStatus.Closed);

        Assert.Equal(IncidentStatus.Closed, incident.Status);
        var byAction = incident.Timeline.GroupBy(t => t.Action).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal("石湾镇街道主任", byAction[IncidentAction.Register].ActorName);
        Assert.Equal("user:director.shiwan", byAction[IncidentAction.Dispatch].ActorId);
        Assert.Equal("水务局联络员", byAction[IncidentAction.Accept].ActorName);
        Assert.Equal("水务局联络员", byAction[IncidentAction.Handle].ActorName);
        Assert.Equal("石湾镇街道主任", byAction[IncidentAction.Verify].ActorName);
        Assert.Equal("石湾镇街道主任", byAction[IncidentAction.Close].ActorName);
        // A 12345 case: the director called the citizen back, satisfied, before closing; the handling carried a photo.
        Assert.Equal("石湾镇街道主任", byAction[IncidentAction.RecordCallback].ActorName);
        Assert.True(byAction[IncidentAction.RecordCallback].Sequence < byAction[IncidentAction.Close].Sequence);
        Assert.Contains(".png", byAction[IncidentAction.Handle].DetailJson ?? "", StringComparison.Ordinal);
        Assert.All(incident.Timeline.Where(t => t.Action != IncidentAction.Report), t => Assert.False(t.Actor.IsSystem));
    }

    [Fact]
    public async Task A_case_the_department_neglects_stays_waiting_while_the_others_move_on()
    {
        var neglected = await ShiwanCaseAsync(IncidentStatus.Dispatched, neglected: true);
        var taken = await ShiwanCaseAsync(IncidentStatus.Dispatched, neglected: false);

        await RunUntilAsync(taken, IncidentStatus.Accepted, IncidentStatus.Handled, IncidentStatus.Verified, IncidentStatus.Closed);

        Assert.Equal(IncidentStatus.Dispatched, (await TestIncidents.LoadAsync(server.Factory.Services, neglected)).Status);
    }

    [Fact]
    public async Task An_on_the_spot_case_is_handled_and_closed_by_the_community_s_grid_worker()
    {
        var number = await TestIncidents.CreateAsync(server.Factory.Services, TestPlace.Shiwan, IncidentStatus.Reported, onTheSpot: true);

        var incident = await RunUntilAsync(number, IncidentStatus.Closed);

        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal("澜石社区网格员", incident.Timeline.Single(t => t.Action == IncidentAction.SelfHandle).ActorName);
    }

    [Theory]
    [InlineData("Development", true, null, true)]
    [InlineData("Development", false, null, false)]
    [InlineData("Development", false, true, true)]
    [InlineData("Production", true, true, false)]
    public void The_desk_runs_only_in_the_demo(string environment, bool simulator, bool? configured, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Simulator:Enabled"] = simulator.ToString() }).Build();
        var host = new TestEnvironment(environment);

        Assert.Equal(expected, DutyDeskService.IsOn(new DutyDeskOptions { Enabled = configured }, configuration, host));
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Dashboard";

        public string ContentRootPath { get; set; } = ".";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
