using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Dashboard.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Reports;

/// <summary>Stores incidents reported at a chosen local time, with their moves at that time, straight through the store.</summary>
public static class ReportSeed
{
    private static int _sequence;

    public static DateTimeOffset At(DateOnly day, int hour) => RollupBuilder.LocalMidnightUtc(day, ChinaTime.Zone).AddHours(hour);

    /// <summary>
    /// One case in <paramref name="gridCode"/> (its community and street follow from the code), reported at
    /// <paramref name="at"/>; dispatched or closed on the spot at the same instant when asked; a 12345 case carries
    /// <paramref name="requestKind"/> in its payload as the hotline feed writes it.
    /// </summary>
    public static async Task CreateAsync(IServiceProvider services, string gridCode, string itemCode, DateTimeOffset at,
        bool dispatch = false, bool closeOnTheSpot = false, IncidentSource source = IncidentSource.Grid, string? requestKind = null)
    {
        var catalog = services.GetRequiredService<InspectionCatalog>();
        var item = catalog.GetItem(itemCode);
        var system = Actor.System("report-test");
        var number = IncidentNumbers.Format(DateOnly.FromDateTime(at.UtcDateTime), 5000 + Interlocked.Increment(ref _sequence));
        var location = new IncidentLocation(113.1, 23.0, gridCode, gridCode[..12], gridCode[..9], address: "报表测试路 " + number);
        var payload = requestKind is null ? null : JsonSerializer.Serialize(new { attributes = new Dictionary<string, string> { ["12345.callerType"] = requestKind } });
        var incident = Incident.Report(
            IncidentDraft.FromCatalog(number, source, "R" + number, item, location, at.AddMinutes(-5), title: "报表测试 " + number, payloadJson: payload),
            system, at);
        if (dispatch)
        {
            incident.Register(system, at);
            incident.Dispatch(system, at, "SW", HandlingTier.Street);
        }

        if (closeOnTheSpot)
        {
            incident.SelfHandle(system, at);
            incident.Close(system, at);
        }

        var contexts = services.GetRequiredService<IDbContextFactory<CityDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        db.Add(incident);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// One case reported at <paramref name="at"/> and taken through <paramref name="steps"/> by an
    /// <see cref="IncidentWorkflow"/> on a clock the steps move, so its SLA clocks start and stop as in production.
    /// </summary>
    public static async Task<string> WithWorkflowAsync(IServiceProvider services, string gridCode, string itemCode, DateTimeOffset at,
        Action<IncidentWorkflow, Incident, FakeTimeProvider> steps)
    {
        var catalog = services.GetRequiredService<InspectionCatalog>();
        var time = new FakeTimeProvider(at);
        var workflow = new IncidentWorkflow(catalog, services.GetRequiredService<WorkingCalendar>(), new DispatchRules(catalog), time);
        var number = IncidentNumbers.Format(DateOnly.FromDateTime(at.UtcDateTime), 5000 + Interlocked.Increment(ref _sequence));
        var location = new IncidentLocation(113.1, 23.0, gridCode, gridCode[..12], gridCode[..9], address: "报表测试路 " + number);
        var incident = Incident.Report(
            IncidentDraft.FromCatalog(number, IncidentSource.Grid, "R" + number, catalog.GetItem(itemCode), location, at, title: "报表测试 " + number),
            Actor.System("report-test"), at);
        steps(workflow, incident, time);
        var contexts = services.GetRequiredService<IDbContextFactory<CityDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        db.Add(incident);
        await db.SaveChangesAsync();
        return number;
    }
}
