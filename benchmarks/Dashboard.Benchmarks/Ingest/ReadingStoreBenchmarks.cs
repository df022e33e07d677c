using BenchmarkDotNet.Attributes;
using Dashboard.Core.Catalog;
using Dashboard.Core.Storage;
using Dashboard.Core.Telemetry;
using Dashboard.Ingest;
using Dashboard.Ingest.Classification;
using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.Ingest.Locating;
using Dashboard.Ingest.Pipeline;
using Dashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Benchmarks.Ingest;

/// <summary>
/// Readings into SQLite, 100 per transaction (one telemetry request of 100 readings per batch, the writer's
/// worst case). Baseline: a raw EF Core insert of the same rows (AddRange + one SaveChanges, change detection
/// off). Measured: the pipeline's batch writer, which also evaluates thresholds and keeps alarm state.
/// Target: ≥ 15,000 readings/s and within 25 % of the baseline (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class ReadingStoreBenchmarks
{
    private const int BatchesPerInvocation = 20;
    private string _path = string.Empty;
    private ServiceProvider _services = null!;
    private IDbContextFactory<CityDbContext> _contexts = null!;
    private IncidentBatchWriter _writer = null!;
    private IReadOnlyList<TelemetryReading> _template = [];
    private long _shift;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"citybrain-bench-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCityStore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Store:ConnectionString"] = StoreServiceCollectionExtensions.SqliteConnectionString(_path) })
            .Build());
        _services = services.BuildServiceProvider();
        _contexts = _services.GetRequiredService<IDbContextFactory<CityDbContext>>();
        _services.GetRequiredService<StoreMigrator>().MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();

        var city = TestCity.Chancheng;
        _writer = new IncidentBatchWriter(
            _contexts,
            Options.Create(new IngestOptions()),
            TimeProvider.System,
            new ThresholdEvaluator(),
            new IncidentClassifier(AlarmCatalog()),
            new CityPlaceLocator(city.Grids, city.Devices),
            NullLogger<IncidentBatchWriter>.Instance);
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Assets, "samples", "telemetry", "chancheng_batch_100.json"));
        _template = new TelemetryParser().Parse(bytes).Readings;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchesPerInvocation * 100)]
    public async Task Raw_ef_core_insert()
    {
        for (var b = 0; b < BatchesPerInvocation; b++)
        {
            var rows = NextBatch().Select(r => new SensorReading(r.DeviceId, r.Kind.ToString(), r.ObservedAtUtc.ToUniversalTime(),
                new SensorValues(r.Values.TiltDeg, r.Values.Open, r.Values.WaterLevelCm, r.Values.PressureMPa, r.Values.Tamper,
                    r.Values.Trapped, r.Values.Fault, r.Values.SmokeObscuration, r.Values.Battery, r.Values.Pressed), r.Sequence)).ToList();
            await using var db = await _contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(rows);
            await db.SaveChangesAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = BatchesPerInvocation * 100)]
    public async Task Pipeline_batch_writer()
    {
        for (var b = 0; b < BatchesPerInvocation; b++)
        {
            var batch = new TelemetryBatch(NextBatch(), [], Dashboard.Ingest.Normalization.RawPayload.FromText("[]", "application/json"));
            var work = new IngestWork(Dashboard.Ingest.Normalization.FeedSource.Iot, [], batch);
            await _writer.WriteAsync([work], CancellationToken.None);
            await work.Committed;
        }
    }

    /// <summary>The sample batch moved forward in time, so every row is new (the unique index never skips one).</summary>
    private List<TelemetryReading> NextBatch()
    {
        var shift = TimeSpan.FromSeconds(Interlocked.Increment(ref _shift));
        return [.. _template.Select(r => r with { ObservedAtUtc = r.ObservedAtUtc + shift })];
    }

    private static InspectionCatalog AlarmCatalog()
    {
        var keys = Enum.GetValues<AlarmKind>().Where(k => k != AlarmKind.None).Select(AlarmKinds.FeedKey).ToList();
        return new InspectionCatalog(
            [new Department("DCC", "指挥中心", "Command center", DepartmentKind.DistrictCenter), new Department("SW", "水务局", "Water", DepartmentKind.Department)],
            [new CatalogItem("CP-01-03", ItemKind.Component, "01", "公用设施", "03", "设施告警", "设施告警", "Device alarm", ["SW"], HandlingTier.Street,
                [new StageSla(SlaStage.Dispatch, SlaSpec.WorkingHours(2)), new StageSla(SlaStage.Handle, SlaSpec.WorkingDays(1))], 3, false, keys)]);
    }
}
