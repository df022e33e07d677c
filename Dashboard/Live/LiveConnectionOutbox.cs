using Dashboard.Core.Live;
using Microsoft.Extensions.Logging;

namespace Dashboard.Live;

/// <summary>A message waiting for one connection: the client method name and its single argument.</summary>
internal sealed record LiveMessage(string Method, object Argument, string? Scope);

/// <summary>Delivers one message to one connection; completes when the transport accepted it.</summary>
internal delegate Task LiveSend(string connectionId, string method, object argument, CancellationToken cancellationToken);

/// <summary>
/// The bounded queue of one connection, drained by its own task, so a browser that reads slowly only ever
/// delays itself. When the queue is full the oldest batch is dropped and the client is told, before anything
/// else still queued, to <c>resync</c> that scope (it resubscribes with its lastSeq and catches up from the log).
/// </summary>
internal sealed class LiveConnectionOutbox : IAsyncDisposable
{
    public const string BatchMethod = "batch";
    public const string ResyncMethod = "resync";

    private readonly Lock _gate = new();
    private readonly Queue<LiveMessage> _queue = new();
    private readonly List<string> _resyncScopes = [];
    private readonly SemaphoreSlim _ready = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _capacity;
    private readonly LiveSend _send;
    private readonly ILogger _logger;
    private readonly Task _drain;

    public LiveConnectionOutbox(string connectionId, int capacity, LiveSend send, ILogger logger)
    {
        ConnectionId = connectionId;
        _capacity = capacity;
        _send = send;
        _logger = logger;
        _drain = Task.Run(DrainAsync);
    }

    public string ConnectionId { get; }

    /// <summary>How many batches this connection lost because it read too slowly.</summary>
    public int DroppedBatches { get; private set; }

    /// <summary>Queues a batch without ever waiting; returns false when an older batch had to be dropped for it.</summary>
    public bool EnqueueBatch(LiveScope scope, PreserializedJson batch)
    {
        var scopeName = scope.ToString();
        var kept = true;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return true;
            }

            if (_queue.Count >= _capacity)
            {
                var dropped = _queue.Dequeue();
                DroppedBatches++;
                kept = false;
                if (dropped.Scope is { } droppedScope && !_resyncScopes.Contains(droppedScope))
                {
                    _resyncScopes.Add(droppedScope);
                    _ready.Release();
                }
            }
            else
            {
                _ready.Release();
            }

            _queue.Enqueue(new LiveMessage(BatchMethod, batch, scopeName));
        }

        if (!kept)
        {
            _logger.LogInformation("Connection {ConnectionId} reads too slowly; dropped its oldest batch and asked it to resync", ConnectionId);
        }

        return kept;
    }

    private async Task DrainAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _ready.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var message = Take();
            if (message is null)
            {
                continue;
            }

            try
            {
                await _send(ConnectionId, message.Method, message.Argument, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One failed send must not end the connection's stream; if the client lost a batch it sees the gap.
                _logger.LogWarning(ex, "Sending {Method} to connection {ConnectionId} failed", message.Method, ConnectionId);
            }
        }
    }

    private LiveMessage? Take()
    {
        lock (_gate)
        {
            if (_resyncScopes.Count > 0)
            {
                var scope = _resyncScopes[0];
                _resyncScopes.RemoveAt(0);
                return new LiveMessage(ResyncMethod, new LiveResync(scope, "slow-connection"), scope);
            }

            return _queue.TryDequeue(out var message) ? message : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _stopping.Cancel();
            _queue.Clear();
            _resyncScopes.Clear();
        }

        await _drain;
        _stopping.Dispose();
        _ready.Dispose();
    }
}
