using Dashboard.Core.Live;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Storage;
using Dashboard.TestSupport.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Live;

public sealed class ChangeLogTailerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"citybrain-live-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;

    private IDbContextFactory<CityDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<CityDbContext>>();

    public async Task InitializeAsync()
    {
        _services = BuildServices(pollIntervalMs: 600_000);
        await _services.GetRequiredService<StoreMigrator>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_committed_change_wakes_the_tailer_without_waiting_for_the_poll()
    {
        var tailer = _services.GetRequiredService<ChangeLogTailer>();
        using var stop = new CancellationTokenSource(Patience);
        await using var pages = tailer.FollowAsync(0, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = pages.MoveNextAsync().AsTask();
        await Task.Delay(100);

        var written = await TestChanges.AppendAsync(Contexts, TestChanges.InStreet("440604010"));

        Assert.True(await next);
        Assert.Equal(written, pages.Current.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_change_written_outside_the_store_arrives_by_the_poll()
    {
        await using var polling = BuildServices(pollIntervalMs: 100);
        var tailer = polling.GetRequiredService<ChangeLogTailer>();
        using var stop = new CancellationTokenSource(Patience);
        await using var pages = tailer.FollowAsync(0, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = pages.MoveNextAsync().AsTask();

        await using (var foreign = (await SqliteStore.CreateAsync(_path)).Open())
        {
            foreign.ChangeLog.Add(TestChanges.InStreet("440604011"));
            await foreign.SaveChangesAsync();
        }

        Assert.True(await next);
        Assert.Equal("440604011", Assert.Single(pages.Current).StreetCode);
    }

    [Fact]
    public async Task Following_from_a_cursor_yields_only_later_changes_in_order()
    {
        var written = await TestChanges.AppendAsync(Contexts,
            TestChanges.InStreet("440604010", entityId: "a"), TestChanges.InStreet("440604010", entityId: "b"), TestChanges.InStreet("440604010", entityId: "c"));
        var tailer = _services.GetRequiredService<ChangeLogTailer>();
        using var stop = new CancellationTokenSource(Patience);

        await using var pages = tailer.FollowAsync(written[0], stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await pages.MoveNextAsync());
        Assert.Equal(["b", "c"], pages.Current.Select(e => e.EntityId));
    }

    [Fact]
    public async Task A_scope_catch_up_returns_exactly_what_the_scope_may_see_in_the_range()
    {
        var written = await TestChanges.AppendAsync(Contexts,
            TestChanges.InStreet("440604010", entityId: "mine"),
            TestChanges.InStreet("440604011", entityId: "theirs"),
            TestChanges.DistrictWide("kpi"),
            TestChanges.InRoom("triage-7"),
            TestChanges.InStreet("440604010", entityId: "later"));
        var reader = _services.GetRequiredService<ChangeLogReader>();

        var seen = await reader.ReadForScopeAsync(LiveScope.Street("440604010"), 0, written[3], CancellationToken.None);

        Assert.Equal(["mine", "kpi"], seen.Select(e => e.EntityId));
    }

    private ServiceProvider BuildServices(int pollIntervalMs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Sqlite",
            ["Store:ConnectionString"] = StoreServiceCollectionExtensions.SqliteConnectionString(_path),
            ["Live:PollIntervalMs"] = pollIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddCityStore(configuration)
            .AddChangeLogTailing()
            .BuildServiceProvider();
    }
}

public sealed class ChangeLogSignalTests
{
    [Fact]
    public async Task A_notify_completes_the_wait_taken_before_it_and_not_the_next_one()
    {
        var signal = new ChangeLogSignal();
        var before = signal.NextNotification;

        signal.Notify();

        await before.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(signal.NextNotification.IsCompleted);
    }
}
