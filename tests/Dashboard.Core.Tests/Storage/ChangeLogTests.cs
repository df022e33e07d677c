using Dashboard.Core.Storage.ChangeLog;
using Dashboard.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class ChangeLogTests(PostgresClusterFixture postgres)
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sequence_numbers_grow_in_the_order_changes_are_saved()
    {
        var store = await SqliteStore.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await using var db = store.Open();
            db.ChangeLog.Add(Entry($"incident-{i}"));
            await db.SaveChangesAsync();
        }

        await using var reader = store.Open();
        var ids = await reader.ChangeLog.OrderBy(e => e.Sequence).Select(e => e.EntityId).ToListAsync();
        Assert.Equal(["incident-0", "incident-1", "incident-2", "incident-3", "incident-4"], ids);
    }

    [Fact]
    public void A_change_is_refused_unless_its_time_is_utc()
    {
        var local = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

        Assert.Throws<ArgumentException>(() => new ChangeLogEntry(local, "incident.created", "incident", "1", ChangeScope.District, "{}"));
    }

    /// <summary>
    /// A tailer reads "sequence &gt; last seen". If a transaction holding sequence 1 committed after one holding
    /// sequence 2, the tailer could read 2, move its cursor past 1 and never deliver it. The second appender
    /// must therefore wait until the first commits.
    /// </summary>
    [PostgresFact]
    public async Task On_postgres_a_second_appender_waits_until_the_first_commits()
    {
        var connectionString = await postgres.CreateDatabaseAsync("changelog");
        await using (var setup = Stores.NewPostgres(connectionString))
        {
            await setup.Database.MigrateAsync();
        }

        await using var first = Stores.NewPostgres(connectionString);
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        first.ChangeLog.Add(Entry("first"));
        await first.SaveChangesAsync();

        await using var second = Stores.NewPostgres(connectionString);
        second.ChangeLog.Add(Entry("second"));
        var secondSave = second.SaveChangesAsync();

        await Task.Delay(500);
        Assert.False(secondSave.IsCompleted, "the second appender committed while the first was still open");

        await firstTransaction.CommitAsync();
        await secondSave.WaitAsync(TimeSpan.FromSeconds(10));

        await using var reader = Stores.NewPostgres(connectionString);
        var ids = await reader.ChangeLog.OrderBy(e => e.Sequence).Select(e => e.EntityId).ToListAsync();
        Assert.Equal(["first", "second"], ids);
    }

    private static ChangeLogEntry Entry(string id) =>
        new(At, "incident.created", "incident", id, new ChangeScope("440604010", null, null), "{}");
}
