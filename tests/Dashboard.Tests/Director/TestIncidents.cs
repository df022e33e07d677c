using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Director;

/// <summary>A place in the seeded city at community level: the street and community codes of the demo users' scopes.</summary>
public sealed record TestPlace(string StreetCode, string CommunityCode)
{
    /// <summary>石湾 / 澜石: the scope of director.shiwan and worker.lanshi.</summary>
    public static TestPlace Shiwan { get; } = new("440604010", "440604010001");

    /// <summary>张槎 / 纯阳: another street and community.</summary>
    public static TestPlace Zhangcha { get; } = new("440604011", "440604011001");
}

/// <summary>Something waiting on the case besides its status, so an action that needs it can be tried.</summary>
public enum Prepared
{
    None,
    PendingExtension,
    PendingPause,
    Paused,

    /// <summary>The case's department is summoned by a whistle and has not reported in.</summary>
    Summoned,

    /// <summary>The citizen was called back and is satisfied (a verified case may close).</summary>
    SatisfiedCallback,
}

/// <summary>Stores incidents in a given state the way the workflow would have left them, straight through the store.</summary>
public static class TestIncidents
{
    /// <summary>上水井盖: street tier, water department (SW), not on the spot.</summary>
    public const string ManholeItem = "CP-01-01";

    /// <summary>An on-the-spot item (grid tier, CGZF).</summary>
    public const string OnTheSpotItem = "EV-01-02";

    private static int _sequence;

    public static async Task<string> CreateAsync(
        IServiceProvider services, TestPlace place, IncidentStatus status, string department = "SW", bool onTheSpot = false, bool pendingExtension = false,
        Prepared prepared = Prepared.None)
    {
        var catalog = services.GetRequiredService<InspectionCatalog>();
        var workflow = services.GetRequiredService<IncidentWorkflow>();
        var time = services.GetRequiredService<TimeProvider>();
        var system = Actor.System("test");
        var item = catalog.GetItem(onTheSpot ? OnTheSpotItem : ManholeItem);
        var number = IncidentNumbers.Format(DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(20_000)), 1000 + Interlocked.Increment(ref _sequence));
        var location = new IncidentLocation(113.1, 23.0, place.CommunityCode + "001", place.CommunityCode, place.StreetCode, address: "测试路 " + number);
        var incident = Incident.Report(
            IncidentDraft.FromCatalog(number, IncidentSource.Hotline12345, "T" + number, item, location, time.GetUtcNow().AddMinutes(-5), title: "测试案件 " + number),
            system, time.GetUtcNow());
        switch (status)
        {
            case IncidentStatus.Reported:
                break;
            case IncidentStatus.SelfHandled:
                incident.SelfHandle(system, time.GetUtcNow());
                break;
            default:
                workflow.Register(incident, system);
                if (status != IncidentStatus.Registered)
                {
                    workflow.Dispatch(incident, system, department);
                }

                if (status == IncidentStatus.Returned)
                {
                    workflow.Return(incident, system, "不属于本部门职责");
                }

                if (status is IncidentStatus.Accepted or IncidentStatus.Handled or IncidentStatus.Verified or IncidentStatus.Closed)
                {
                    workflow.Accept(incident, system);
                }

                if (status is IncidentStatus.Handled or IncidentStatus.Verified or IncidentStatus.Closed)
                {
                    workflow.Handle(incident, system);
                }

                if (status is IncidentStatus.Verified or IncidentStatus.Closed)
                {
                    workflow.Verify(incident, system);
                }

                if (status == IncidentStatus.Closed || prepared == Prepared.SatisfiedCallback)
                {
                    workflow.RecordCallback(incident, system, satisfied: true, "市民满意");
                }

                if (status == IncidentStatus.Closed)
                {
                    workflow.Close(incident, system);
                }

                break;
        }

        if (pendingExtension || prepared == Prepared.PendingExtension)
        {
            incident.RequestExtension(system, time.GetUtcNow(), SlaStage.Handle, SlaSpec.WorkingHours(8), "waiting for parts");
        }

        switch (prepared)
        {
            case Prepared.PendingPause:
                incident.RequestPause(system, time.GetUtcNow(), "等待占道许可");
                break;
            case Prepared.Paused:
                incident.Pause(system, time.GetUtcNow(), "等待占道许可");
                break;
            case Prepared.Summoned:
                incident.BlowWhistle(system, time.GetUtcNow(), [(department, time.GetUtcNow().AddMinutes(30))], "联合处置");
                break;
        }

        Assert.Equal(status, incident.Status);
        var contexts = services.GetRequiredService<IDbContextFactory<CityDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        db.Add(incident);
        await db.SaveChangesAsync();
        return number;
    }

    public static async Task<Incident> LoadAsync(IServiceProvider services, string number)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CityDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<Incident>().AsNoTracking().Include(i => i.Timeline).Include(i => i.Clocks).Include(i => i.Summons).AsSplitQuery()
            .SingleAsync(i => i.Number == number);
    }
}
