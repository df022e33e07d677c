using Dashboard.Core.Storage.ChangeLog;

namespace Dashboard.Core.Live;

/// <summary>
/// Turns the ordered change log into per-scope batches: each tracked scope gathers the deltas it may see and
/// releases them as one <see cref="LiveBatch"/> once the first of them has waited <see cref="LiveOptions.BatchInterval"/>,
/// at once when one of them is critical, or early when <see cref="LiveOptions.MaxDeltasPerBatch"/> are waiting.
/// </summary>
/// <remarks>
/// Gap rule: a scope's batches chain — each batch's <c>after</c> is the previous batch's <c>upTo</c> — so a
/// client that applied everything to <c>lastSeq</c> and then sees <c>after &gt; lastSeq</c> knows a batch was lost,
/// even though the global sequence numbers inside one scope's stream skip the other scopes' entries.
/// <see cref="Track"/> gives a new subscriber the point its catch-up must reach to join that chain.
/// Not thread-safe: the owner serialises calls (the broadcaster holds one lock around it and its subscriber list).
/// </remarks>
public sealed class LiveBatcher(TimeProvider time, LiveOptions options, long startAfter)
{
    private readonly Dictionary<LiveScope, ScopeState> _scopes = [];

    /// <summary>The highest sequence handed to <see cref="Add"/>; every tracked scope's deltas up to it are pending or sent.</summary>
    public long Processed { get; private set; } = startAfter;

    public IReadOnlyCollection<LiveScope> Scopes => _scopes.Keys;

    /// <summary>
    /// Starts (or keeps) gathering deltas for <paramref name="scope"/> and returns the sequence a new subscriber's
    /// catch-up must end at: the next batch of this scope continues right after it.
    /// </summary>
    public long Track(LiveScope scope)
    {
        if (!_scopes.TryGetValue(scope, out var state))
        {
            state = new ScopeState(Processed);
            _scopes.Add(scope, state);
        }

        return state.LastUpTo;
    }

    /// <summary>Stops gathering for a scope nobody follows any more; its pending deltas are discarded.</summary>
    public void Untrack(LiveScope scope) => _scopes.Remove(scope);

    /// <summary>
    /// Distributes ordered entries to the tracked scopes and returns the batches that are due now
    /// (full ones, critical ones and those whose window has passed). Entries at or below <see cref="Processed"/> are ignored.
    /// </summary>
    public IReadOnlyList<LiveBatch> Add(IReadOnlyList<ChangeLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ready = new List<LiveBatch>();
        var now = time.GetUtcNow();
        foreach (var entry in entries)
        {
            if (entry.Sequence <= Processed)
            {
                continue;
            }

            LiveDelta? delta = null;
            foreach (var (scope, state) in _scopes)
            {
                if (!scope.Contains(entry))
                {
                    continue;
                }

                delta ??= LiveDelta.From(entry);
                if (state.Pending.Count == 0)
                {
                    state.FirstPendingAt = now;
                }

                state.Pending.Add(delta);
                state.IsUrgent |= entry.IsCritical;
                if (state.Pending.Count >= options.MaxDeltasPerBatch)
                {
                    ready.Add(state.Cut(scope, entry.Sequence));
                }
            }

            Processed = entry.Sequence;
        }

        ready.AddRange(TakeDue());
        return ready;
    }

    /// <summary>The batches whose window has passed or that hold a critical delta.</summary>
    public IReadOnlyList<LiveBatch> TakeDue()
    {
        var now = time.GetUtcNow();
        var ready = new List<LiveBatch>();
        foreach (var (scope, state) in _scopes)
        {
            if (state.Pending.Count > 0 && (state.IsUrgent || now - state.FirstPendingAt >= options.BatchInterval))
            {
                ready.Add(state.Cut(scope, Processed));
            }
        }

        return ready;
    }

    /// <summary>When the earliest pending batch falls due, or null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt()
    {
        DateTimeOffset? next = null;
        foreach (var state in _scopes.Values)
        {
            if (state.Pending.Count > 0)
            {
                var due = state.IsUrgent ? state.FirstPendingAt : state.FirstPendingAt + options.BatchInterval;
                if (next is null || due < next)
                {
                    next = due;
                }
            }
        }

        return next;
    }

    private sealed class ScopeState(long lastUpTo)
    {
        public long LastUpTo { get; private set; } = lastUpTo;

        public List<LiveDelta> Pending { get; private set; } = [];

        public DateTimeOffset FirstPendingAt { get; set; }

        public bool IsUrgent { get; set; }

        public LiveBatch Cut(LiveScope scope, long upTo)
        {
            var batch = new LiveBatch(scope.ToString(), LastUpTo, upTo, Pending);
            LastUpTo = upTo;
            Pending = [];
            IsUrgent = false;
            return batch;
        }
    }
}
