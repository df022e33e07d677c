using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Dashboard.Core.Live;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Live;

/// <summary>Someone connected to a channel scope (a triage room): how the others see them.</summary>
public sealed record ChannelMember(string Key, string Name, string Role, bool IsGuest, bool IsWall, DateTimeOffset JoinedUtc);

/// <summary>
/// Ephemeral traffic of channel scopes (<c>room:…</c>): who is connected (presence), who presents, and the presenter's
/// view, relayed straight to the channel's SignalR group without the store, so a follower's map moves within one hop.
/// Kept per node: with several nodes each shows the people connected to it (sticky sessions put a room's people on
/// whichever node their browser reached); nothing here is needed to rebuild a room after a restart.
/// Only connections that subscribed to the scope (and so passed <see cref="ILiveScopeAuthorizer"/>) may send to it.
/// </summary>
public sealed class LiveChannels(IHubContext<LiveHub> hub, TimeProvider time)
{
    /// <summary>Kinds a client may send: its map view (presenter only) and taking the presenter role.</summary>
    public const string ViewKind = "view";

    public const string PresentKind = "present";

    /// <summary>The claim that marks a principal as a guest of one room (its value is the room id).</summary>
    public const string GuestClaimType = "triage_guest_room";

    private readonly ConcurrentDictionary<string, Channel> _channels = new();

    internal async Task JoinAsync(string connectionId, LiveScope scope, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (scope.Kind != LiveScopeKind.Room)
        {
            return;
        }

        var channel = _channels.GetOrAdd(scope.ToString(), _ => new Channel());
        JsonElement? view;
        long version;
        lock (channel)
        {
            channel.Members[connectionId] = Describe(connectionId, user);
            view = channel.View;
            version = channel.ViewVersion;
        }

        await BroadcastPresenceAsync(scope.ToString(), channel, cancellationToken);
        if (view is { } current)
        {
            // A late joiner starts where the presenter is, not at the default view.
            // The joiner is already in the group, so a newer view may reach it first: the version lets it drop this one then.
            await hub.Clients.Client(connectionId).SendAsync("signal", Signal(scope.ToString(), ViewKind, channel.PresenterName, current, version), cancellationToken);
        }
    }

    internal async Task LeaveAsync(string connectionId, LiveScope scope)
    {
        if (_channels.TryGetValue(scope.ToString(), out var channel) && Remove(channel, connectionId))
        {
            await BroadcastPresenceAsync(scope.ToString(), channel, CancellationToken.None);
        }
    }

    internal async Task LeaveAllAsync(string connectionId)
    {
        foreach (var (name, channel) in _channels)
        {
            if (Remove(channel, connectionId))
            {
                await BroadcastPresenceAsync(name, channel, CancellationToken.None);
            }
        }
    }

    /// <summary>The people connected to a channel on this node (for pages rendered on the server).</summary>
    public IReadOnlyList<ChannelMember> Members(LiveScope scope)
    {
        if (!_channels.TryGetValue(scope.ToString(), out var channel))
        {
            return [];
        }

        lock (channel)
        {
            return [.. channel.Members.Values];
        }
    }

    /// <summary>Relays a client's signal to the rest of the channel; throws <see cref="HubException"/> saying why not.</summary>
    internal async Task RelayAsync(string connectionId, string scopeText, string kind, JsonElement data, CancellationToken cancellationToken)
    {
        if (!LiveScope.TryParse(scopeText, out var scope, out var error) || scope.Kind != LiveScopeKind.Room)
        {
            throw new HubException(error ?? $"Only room channels carry signals, not {scopeText}.");
        }

        if (!_channels.TryGetValue(scope.ToString(), out var channel))
        {
            throw new HubException($"Subscribe to {scope} before sending to it.");
        }

        ChannelMember? sender;
        long sent = 0;
        lock (channel)
        {
            sender = channel.Members.GetValueOrDefault(connectionId);
            if (sender is null)
            {
                throw new HubException($"Subscribe to {scope} before sending to it.");
            }

            if (sender.IsWall)
            {
                throw new HubException("A wall display follows a room; it does not present.");
            }

            switch (kind)
            {
                case PresentKind:
                    channel.Presenter = connectionId;
                    channel.PresenterName = sender.Name;
                    break;
                case ViewKind when channel.Presenter != connectionId:
                    throw new HubException("Only the presenter's view is followed; take the presenter role first.");
                case ViewKind:
                    channel.View = data.Clone();
                    sent = ++channel.ViewVersion;
                    break;
                default:
                    throw new HubException($"'{kind}' is not a room signal: send '{ViewKind}' or '{PresentKind}'.");
            }
        }

        if (kind == PresentKind)
        {
            await BroadcastPresenceAsync(scope.ToString(), channel, cancellationToken);
            return;
        }

        await hub.Clients.GroupExcept(scope.ToString(), [connectionId]).SendAsync("signal", Signal(scope.ToString(), kind, sender.Name, data, sent), cancellationToken);
    }

    private object Signal(string scope, string kind, string? from, JsonElement data, long version) =>
        new { scope, kind, from, data, version, sentAt = time.GetUtcNow() };

    private static bool Remove(Channel channel, string connectionId)
    {
        lock (channel)
        {
            if (!channel.Members.Remove(connectionId))
            {
                return false;
            }

            if (channel.Presenter == connectionId)
            {
                // The view stays where the presenter left it until someone else presents.
                channel.Presenter = null;
            }

            return true;
        }
    }

    private Task BroadcastPresenceAsync(string scope, Channel channel, CancellationToken cancellationToken)
    {
        object presence;
        lock (channel)
        {
            presence = new
            {
                scope,
                presenter = channel.Presenter,
                members = channel.Members.Values.OrderBy(m => m.JoinedUtc).Select(m => new
                {
                    key = m.Key, name = m.Name, role = m.Role, guest = m.IsGuest, wall = m.IsWall, presenter = m.Key == channel.Presenter,
                }).ToList(),
            };
        }

        return hub.Clients.Group(scope).SendAsync("presence", presence, cancellationToken);
    }

    private ChannelMember Describe(string connectionId, ClaimsPrincipal user)
    {
        var isWall = user.HasClaim(c => c.Type == "wall_display");
        var isGuest = user.HasClaim(c => c.Type == GuestClaimType);
        var name = user.FindFirstValue("display_name") ?? user.Identity?.Name ?? "?";
        var role = isGuest ? "guest" : isWall ? "wall" : user.FindFirstValue(ClaimTypes.Role) ?? "-";
        return new ChannelMember(connectionId, name, role, isGuest, isWall, time.GetUtcNow());
    }

    private sealed class Channel
    {
        public Dictionary<string, ChannelMember> Members { get; } = [];

        public string? Presenter { get; set; }

        public string? PresenterName { get; set; }

        public JsonElement? View { get; set; }

        /// <summary>Counts the views relayed in this channel; a client applies only a view newer than its last.</summary>
        public long ViewVersion { get; set; }
    }
}
