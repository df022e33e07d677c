using System.Collections.Concurrent;
using System.Security.Claims;
using Dashboard.Core.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Live;

/// <summary>
/// The hub's logic, kept out of the hub so it outlives a single invocation: one outbox per connection, scope
/// checks, and the catch-up (missed deltas from the log, or a snapshot instruction) for <c>Subscribe</c>.
/// </summary>
public sealed class LiveSubscriptions(
    LiveBroadcaster broadcaster,
    ChangeLogReader reader,
    ILiveScopeAuthorizer authorizer,
    IHubContext<LiveHub> hub,
    IOptions<LiveOptions> options,
    ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<string, LiveConnectionOutbox> _connections = new();
    private readonly ILogger _logger = loggers.CreateLogger<LiveSubscriptions>();

    internal void Connect(string connectionId)
    {
        var outbox = new LiveConnectionOutbox(connectionId, options.Value.ConnectionQueueCapacity, SendAsync, _logger);
        _connections[connectionId] = outbox;
    }

    internal async Task DisconnectAsync(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var outbox))
        {
            broadcaster.LeaveAll(outbox);
            await outbox.DisposeAsync();
        }
    }

    /// <summary>Checks the scope text and the user's right to it; throws <see cref="HubException"/> saying why not.</summary>
    public async Task<LiveScope> AuthorizeAsync(ClaimsPrincipal user, string? scopeText, CancellationToken cancellationToken)
    {
        if (!LiveScope.TryParse(scopeText, out var scope, out var error))
        {
            throw new HubException(error);
        }

        var decision = await authorizer.AuthorizeAsync(user, scope, cancellationToken);
        return decision.IsAllowed ? scope : throw new HubException($"Refused to follow {scope}: {decision.Reason}");
    }

    internal async Task<LiveCatchup> SubscribeAsync(string connectionId, LiveScope scope, long? lastSeq, CancellationToken cancellationToken)
    {
        if (!_connections.TryGetValue(connectionId, out var outbox))
        {
            throw new HubException("This connection is closing; reconnect and subscribe again.");
        }

        var upTo = await broadcaster.JoinAsync(scope, outbox, cancellationToken);
        try
        {
            return await CatchUpAsync(scope, lastSeq, upTo, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            broadcaster.Leave(scope, outbox);
            _logger.LogError(ex, "Catching {ConnectionId} up on {Scope} from {LastSeq} failed", connectionId, scope, lastSeq);
            throw new HubException($"Could not read the missed changes of {scope}; subscribe again.");
        }
    }

    internal void Unsubscribe(string connectionId, LiveScope scope)
    {
        if (_connections.TryGetValue(connectionId, out var outbox))
        {
            broadcaster.Leave(scope, outbox);
        }
    }

    private async Task<LiveCatchup> CatchUpAsync(LiveScope scope, long? lastSeq, long upTo, CancellationToken cancellationToken)
    {
        if (lastSeq is not { } from || from < 0)
        {
            return LiveCatchup.WithSnapshot(scope, upTo, LiveSnapshotInstruction.NoPosition);
        }

        if (from >= upTo)
        {
            // This node's batches may trail the log (or the client came from a faster node): if the client is not
            // ahead of the log itself it keeps its position, and deltas it already has arrive as harmless overlap.
            return from == upTo || from <= await reader.ReadHeadAsync(cancellationToken)
                ? LiveCatchup.WithDeltas(scope, from, from, [])
                : LiveCatchup.WithSnapshot(scope, upTo, LiveSnapshotInstruction.AheadOfLog);
        }

        if (upTo - from > options.Value.CatchupWindow)
        {
            return LiveCatchup.WithSnapshot(scope, upTo, LiveSnapshotInstruction.TooFarBehind);
        }

        var missed = await reader.ReadForScopeAsync(scope, from, upTo, cancellationToken);
        return LiveCatchup.WithDeltas(scope, from, upTo, missed.Select(LiveDelta.From).ToList());
    }

    private Task SendAsync(string connectionId, string method, object argument, CancellationToken cancellationToken) =>
        hub.Clients.Client(connectionId).SendAsync(method, argument, cancellationToken);
}
