using Dashboard.Core.Live;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.TestSupport.Live;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Live;

public sealed class LiveBatcherTests
{
    private static readonly LiveScope Shiwan = LiveScope.Street("440604010");
    private static readonly LiveScope Zhangcha = LiveScope.Street("440604011");

    private readonly FakeTimeProvider _time = new(TestChanges.At);

    private LiveBatcher NewBatcher(long startAfter = 0, int maxDeltas = 500) =>
        new(_time, new LiveOptions { BatchIntervalMs = 200, MaxDeltasPerBatch = maxDeltas }, startAfter);

    [Fact]
    public void Changes_within_the_window_are_sent_as_one_batch_after_the_window()
    {
        var batcher = NewBatcher();
        batcher.Track(Shiwan);

        Assert.Empty(batcher.Add([Street(1, "440604010")]));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Empty(batcher.Add([Street(2, "440604010")]));
        Assert.Empty(batcher.TakeDue());
        _time.Advance(TimeSpan.FromMilliseconds(100));

        var batch = Assert.Single(batcher.TakeDue());
        Assert.Equal([1L, 2L], batch.Deltas.Select(d => d.Seq));
        Assert.Equal((0L, 2L), (batch.After, batch.UpTo));
    }

    [Fact]
    public void A_critical_change_is_sent_at_once_with_what_was_waiting_before_it()
    {
        var batcher = NewBatcher();
        batcher.Track(Shiwan);
        batcher.Add([Street(1, "440604010")]);

        var batch = Assert.Single(batcher.Add([Street(2, "440604010", critical: true)]));

        Assert.Equal([1L, 2L], batch.Deltas.Select(d => d.Seq));
    }

    [Fact]
    public void Each_scope_gets_only_its_own_changes_and_batches_chain_by_after_and_upTo()
    {
        var batcher = NewBatcher();
        batcher.Track(Shiwan);
        batcher.Track(Zhangcha);
        batcher.Add([Street(1, "440604010"), Street(2, "440604011"), Street(3, "440604010")]);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var first = batcher.TakeDue().ToDictionary(b => b.Scope);
        batcher.Add([Street(4, "440604011"), Street(5, "440604010")]);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var second = batcher.TakeDue().ToDictionary(b => b.Scope);

        Assert.Equal([1L, 3L], first["street:440604010"].Deltas.Select(d => d.Seq));
        Assert.Equal([2L], first["street:440604011"].Deltas.Select(d => d.Seq));
        Assert.Equal([5L], second["street:440604010"].Deltas.Select(d => d.Seq));
        Assert.Equal(first["street:440604010"].UpTo, second["street:440604010"].After);
        Assert.Equal(first["street:440604011"].UpTo, second["street:440604011"].After);
    }

    [Fact]
    public void A_scope_with_nothing_new_keeps_its_chain_so_the_next_batch_still_follows_the_last_one()
    {
        var batcher = NewBatcher();
        batcher.Track(Shiwan);
        batcher.Add([Street(1, "440604010")]);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var first = Assert.Single(batcher.TakeDue());
        batcher.Add([Street(2, "440604011"), Street(3, "440604011")]);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Empty(batcher.TakeDue());
        batcher.Add([Street(4, "440604010")]);
        _time.Advance(TimeSpan.FromMilliseconds(200));

        var next = Assert.Single(batcher.TakeDue());
        Assert.Equal(first.UpTo, next.After);
        Assert.Equal(4, next.UpTo);
    }

    [Fact]
    public void A_new_subscriber_joins_where_the_scopes_next_batch_begins()
    {
        var batcher = NewBatcher(startAfter: 10);
        Assert.Equal(10, batcher.Track(Shiwan));
        batcher.Add([Street(11, "440604010")]);

        var joinAt = batcher.Track(Shiwan);
        _time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(joinAt, Assert.Single(batcher.TakeDue()).After);
    }

    [Fact]
    public void A_full_batch_is_cut_early_and_the_rest_follows_in_the_chain()
    {
        var batcher = NewBatcher(maxDeltas: 2);
        batcher.Track(Shiwan);

        var cut = Assert.Single(batcher.Add([Street(1, "440604010"), Street(2, "440604010"), Street(3, "440604010")]));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var rest = Assert.Single(batcher.TakeDue());

        Assert.Equal([1L, 2L], cut.Deltas.Select(d => d.Seq));
        Assert.Equal(2, cut.UpTo);
        Assert.Equal((2L, 3L), (rest.After, rest.UpTo));
        Assert.Equal([3L], rest.Deltas.Select(d => d.Seq));
    }

    [Fact]
    public void The_next_due_time_is_the_end_of_the_oldest_window()
    {
        var batcher = NewBatcher();
        batcher.Track(Shiwan);
        Assert.Null(batcher.NextDueAt());

        batcher.Add([Street(1, "440604010")]);

        Assert.Equal(TestChanges.At.AddMilliseconds(200), batcher.NextDueAt());
    }

    [Fact]
    public void A_payload_that_is_not_json_travels_as_a_string_instead_of_breaking_the_batch()
    {
        var batcher = NewBatcher();
        batcher.Track(Shiwan);

        var batch = Assert.Single(batcher.Add([TestChanges.InStreet("440604010", payload: "not json", critical: true).WithSequence(1)]));

        Assert.Equal("not json", batch.Deltas[0].Data.GetString());
    }

    private static ChangeLogEntry Street(long seq, string street, bool critical = false) =>
        TestChanges.InStreet(street, critical: critical).WithSequence(seq);
}
