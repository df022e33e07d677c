using Dashboard.Core.Live;
using Dashboard.Core.Storage.ChangeLog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>
/// Tails the change log from its head at start, batches per subscribed scope (<see cref="LiveBatcher"/>) and
/// hands each batch to the outbox of every connection following that scope. It never waits on a client: outboxes
/// take batches without blocking, so one slow or failing connection cannot hold up the loop.
/// </summary>
/// <remarks>
/// Subscribing is serialised with batching by one lock, so a new subscriber's catch-up ends exactly where the
/// scope's next batch begins (<see cref="JoinAsync"/>).
/// </remarks>
public sealed class LiveBroadcaster(
    ChangeLogReader reader,
    ChangeLogTailer tailer,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<LiveBroadcaster> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<LiveScope, HashSet<LiveConnectionOutbox>> _subscribers = [];
    private readonly TaskCompletionSource<LiveBatcher> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Batches handed to outboxes so far (for diagnostics and tests).</summary>
    public long BatchesPublished { get; private set; }

    /// <summary>
    /// Adds a connection to a scope's subscribers and returns the sequence its catch-up must end at: the scope's
    /// next batch has <c>after</c> equal to it. Waits for the broadcaster to have read the log's head.
    /// </summary>
    internal async Task<long> JoinAsync(LiveScope scope, LiveConnectionOutbox outbox, CancellationToken cancellationToken)
    {
        var batcher = await _started.Task.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(scope, out var connections))
            {
                connections = [];
                _subscribers.Add(scope, connections);
            }

            connections.Add(outbox);
            return batcher.Track(scope);
        }
    }

    internal void Leave(LiveScope scope, LiveConnectionOutbox outbox)
    {
        lock (_gate)
        {
            RemoveLocked(scope, outbox);
        }
    }

    internal void LeaveAll(LiveConnectionOutbox outbox)
    {
        lock (_gate)
        {
            foreach (var scope in _subscribers.Keys.ToList())
            {
                RemoveLocked(scope, outbox);
            }
        }
    }

    /// <summary>The loop; returns only when <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var head = await ReadHeadAsync(stoppingToken);
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var batcher = new LiveBatcher(time, options.Value, head);
        _started.TrySetResult(batcher);
        logger.LogInformation("Live broadcaster following the change log from sequence {Head}", head);

        var pages = tailer.FollowAsync(head, stoppingToken).GetAsyncEnumerator(stoppingToken);
        Task<bool>? nextPage = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                nextPage ??= pages.MoveNextAsync().AsTask();
                DateTimeOffset? due;
                lock (_gate)
                {
                    due = batcher.NextDueAt();
                }

                try
                {
                    await WaitForPageOrDueAsync(nextPage, due, stoppingToken);
                    if (nextPage.IsCompleted)
                    {
                        var hasPage = await nextPage;
                        nextPage = null;
                        if (!hasPage)
                        {
                            return;
                        }

                        var page = pages.Current;
                        Publish(batcher, b => b.Add(page));
                    }
                    else
                    {
                        Publish(batcher, b => b.TakeDue());
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "The live broadcaster failed to publish; continuing with the next change");
                    nextPage = nextPage is { IsCompleted: true } ? null : nextPage;
                }
            }
        }
        finally
        {
            // An async iterator cannot be disposed while its MoveNextAsync is still running: let the
            // cancelled read finish first, or shutdown throws and the host reports a failed service.
            if (nextPage is not null)
            {
                try
                {
                    await nextPage;
                }
                catch (OperationCanceledException)
                {
                    // Expected: the read was cancelled by shutdown.
                }
            }

            await pages.DisposeAsync();
        }
    }

    private async Task<long> ReadHeadAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                return await reader.ReadHeadAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Reading the change log's head failed; retrying");
                try
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return 0;
    }

    private async Task WaitForPageOrDueAsync(Task<bool> nextPage, DateTimeOffset? due, CancellationToken stoppingToken)
    {
        var wait = due is null ? Timeout.InfiniteTimeSpan : due.Value - time.GetUtcNow();
        if (due is not null && wait <= TimeSpan.Zero)
        {
            return;
        }

        // The delay is cancelled as soon as a page wins, so waits never pile up on the stopping token.
        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(nextPage, Task.Delay(wait, time, delayCancellation.Token));
        await delayCancellation.CancelAsync();
    }

    private void Publish(LiveBatcher batcher, Func<LiveBatcher, IReadOnlyList<LiveBatch>> take)
    {
        lock (_gate)
        {
            foreach (var batch in take(batcher))
            {
                try
                {
                    var scope = LiveScope.Parse(batch.Scope);
                    if (!_subscribers.TryGetValue(scope, out var connections))
                    {
                        continue;
                    }

                    var message = PreserializedJson.From(batch);
                    foreach (var connection in connections)
                    {
                        connection.EnqueueBatch(scope, message);
                    }

                    BatchesPublished++;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Publishing the batch for {Scope} up to {UpTo} failed", batch.Scope, batch.UpTo);
                }
            }
        }
    }

    private void RemoveLocked(LiveScope scope, LiveConnectionOutbox outbox)
    {
        if (_subscribers.TryGetValue(scope, out var connections) && connections.Remove(outbox) && connections.Count == 0)
        {
            _subscribers.Remove(scope);
            if (_started.Task.IsCompletedSuccessfully)
            {
                _started.Task.Result.Untrack(scope);
            }
        }
    }
}

/// <summary>Runs <see cref="LiveBroadcaster"/> for the app's lifetime.</summary>
internal sealed class LiveBroadcasterService(LiveBroadcaster broadcaster) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => broadcaster.RunAsync(stoppingToken);
}
