using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Jobs;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Seeding;
using Dashboard.Core.Tests.Storage;
using Dashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.TestAssets;

namespace Dashboard.Core.Tests.Jobs;

/// <summary>A migrated SQLite store, the real catalog and calendar, and a clock the test moves.</summary>
internal sealed class JobsHarness : IDbContextFactory<CityDbContext>
{
    public static readonly Actor Dispatcher = new("u-operator", "值班员 李", "districtOperator");

    private static int _next;

    private JobsHarness(SqliteStore store, DateTimeOffset start)
    {
        Store = store;
        Time = new FakeTimeProvider(start);
        Reference = new ReferenceData();
        Reference.Set(TestCity.Chancheng, TheCatalog, Calendar);
        Workflow = new IncidentWorkflow(TheCatalog, Calendar, new DispatchRules(TheCatalog), Time);
    }

    public SqliteStore Store { get; }

    public FakeTimeProvider Time { get; }

    public ReferenceData Reference { get; }

    public IncidentWorkflow Workflow { get; }

    public static readonly IncidentLocation Lanshi = new(113.1200, 23.0200, "440604010001001", "440604010001", "440604010", address: "澜石二路");

    public static async Task<JobsHarness> CreateAsync(DateTimeOffset start) => new(await SqliteStore.CreateAsync(), start);

    public CityDbContext CreateDbContext() => Store.Open();

    public SlaWatch SlaWatch(double escalateAfter = 0.5) =>
        new(this, Reference, Time, Options.Create(new SlaWatchOptions { EscalateAfterOverdueFraction = escalateAfter }), NullLogger<SlaWatch>.Instance);

    public void SetLocal(int year, int month, int day, int hour, int minute = 0) => Time.SetUtcNow(Local(year, month, day, hour, minute));

    /// <summary>Reports a case now and runs <paramref name="steps"/> on it through the workflow, then stores it.</summary>
    public async Task<Incident> NewIncidentAsync(Action<Incident>? steps = null, string itemCode = "EV-01-02", IncidentSource source = IncidentSource.Camera, IncidentLocation? location = null)
    {
        var now = Time.GetUtcNow();
        var local = Calendar.ToLocal(now);
        var number = IncidentNumbers.Format(DateOnly.FromDateTime(local.DateTime), Interlocked.Increment(ref _next));
        var draft = IncidentDraft.FromCatalog(number, source, "ext-" + number, TheCatalog.GetItem(itemCode), location ?? Lanshi, now, payloadJson: "{\"raw\":true}");
        var incident = Incident.Report(draft, Actor.System("ingest"), now);
        steps?.Invoke(incident);
        await using var db = Store.Open();
        db.Add(incident);
        await db.SaveChangesAsync();
        return incident;
    }

    /// <summary>Loads a case, lets <paramref name="change"/> act on it at the current fake time, and stores it.</summary>
    public async Task<Incident> ChangeAsync(string number, Action<Incident> change)
    {
        await using var db = Store.Open();
        var incident = await db.Set<Incident>().Include(i => i.Reports).Include(i => i.Timeline).Include(i => i.Clocks).AsSplitQuery().SingleAsync(i => i.Number == number);
        change(incident);
        await db.SaveChangesAsync();
        return incident;
    }

    public async Task<Incident> LoadAsync(string number)
    {
        await using var db = Store.Open();
        return await db.Set<Incident>().AsNoTracking().Include(i => i.Timeline).Include(i => i.Clocks).AsSplitQuery().SingleAsync(i => i.Number == number);
    }

    public async Task<List<Dashboard.Core.Storage.ChangeLog.ChangeLogEntry>> ChangesAsync(string kind)
    {
        await using var db = Store.Open();
        return await db.ChangeLog.AsNoTracking().Where(c => c.Kind == kind).OrderBy(c => c.Sequence).ToListAsync();
    }

    Task<CityDbContext> IDbContextFactory<CityDbContext>.CreateDbContextAsync(CancellationToken cancellationToken) =>
        Task.FromResult<CityDbContext>(Store.Open());
}
