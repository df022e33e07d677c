using System.Text.Json;
using Dashboard.Core.Live;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Live;

/// <summary>
/// The live hub at <c>/hubs/live</c> (JSON protocol). Clients call <c>Subscribe(scope, lastSeq)</c> and
/// <c>Unsubscribe(scope)</c>; the server pushes <c>batch</c> and <c>resync</c>. The exact contract is in
/// docs/live-protocol.md. The hub holds no state and no DbContext: <see cref="LiveSubscriptions"/> does the work.
/// </summary>
public sealed class LiveHub(LiveSubscriptions subscriptions, LiveChannels channels) : Hub
{
    public override Task OnConnectedAsync()
    {
        subscriptions.Connect(Context.ConnectionId);
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await subscriptions.DisconnectAsync(Context.ConnectionId);
        await channels.LeaveAllAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Follows <paramref name="scope"/> from <paramref name="lastSeq"/> (null: from a snapshot). Returns the missed
    /// deltas, or a snapshot instruction when there is no position or it is too old. Refused scopes throw a
    /// <see cref="HubException"/> whose message says why.
    /// </summary>
    public async Task<LiveCatchup> Subscribe(string scope, long? lastSeq)
    {
        var cancellationToken = Context.ConnectionAborted;
        LiveScope allowed;
        try
        {
            allowed = await subscriptions.AuthorizeAsync(Context.User ?? new(), scope, cancellationToken);
        }
        catch (HubException refusal)
        {
            // The same audit as pages, forms and the API; optional because a wall-only host may run without people.
            if (Context.GetHttpContext()?.RequestServices.GetService<People.RefusalAudit>() is { } audit)
            {
                await audit.RecordAsync(People.WorkspaceUser.From(Context.User), "subscribe", "scope:" + scope, "hub", refusal.Message, cancellationToken);
            }

            throw;
        }

        var catchup = await subscriptions.SubscribeAsync(Context.ConnectionId, allowed, lastSeq, cancellationToken);
        // The group carries nothing from the broadcaster (it uses per-connection outboxes); it lets other features
        // address a scope's screens with IHubContext<LiveHub>.Clients.Group(scope).
        await Groups.AddToGroupAsync(Context.ConnectionId, allowed.ToString(), cancellationToken);
        await channels.JoinAsync(Context.ConnectionId, allowed, Context.User ?? new(), cancellationToken);
        return catchup;
    }

    public async Task Unsubscribe(string scope)
    {
        if (!LiveScope.TryParse(scope, out var parsed, out var error))
        {
            throw new HubException(error);
        }

        subscriptions.Unsubscribe(Context.ConnectionId, parsed);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, parsed.ToString());
        await channels.LeaveAsync(Context.ConnectionId, parsed);
    }

    /// <summary>
    /// Ephemeral traffic of a room the caller follows: <c>present</c> takes the presenter role, <c>view</c> (presenter
    /// only) sends the map view to everyone else in the room at once. See <see cref="LiveChannels"/>.
    /// </summary>
    public Task Signal(string scope, string kind, JsonElement data) =>
        channels.RelayAsync(Context.ConnectionId, scope, kind, data, Context.ConnectionAborted);
}
