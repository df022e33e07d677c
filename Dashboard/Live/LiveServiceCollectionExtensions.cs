using Dashboard.Core.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Registers the live path: change-log tailing (and LISTEN/NOTIFY on PostgreSQL), the broadcaster, SignalR with
    /// the live hub's limits, and the demo scope authorizer unless an <see cref="ILiveScopeAuthorizer"/> is already
    /// registered. Options come from the <c>Live</c> configuration section. Needs <c>AddCityStore(configuration)</c>.
    /// </summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddChangeLogTailing();
        services.TryAddSingleton<ILiveScopeAuthorizer, DemoLiveScopeAuthorizer>();
        services.TryAddSingleton<LiveBroadcaster>();
        services.TryAddSingleton<LiveSubscriptions>();
        services.TryAddSingleton<LiveChannels>();
        services.AddHostedService<LiveBroadcasterService>();
        services.AddSignalR()
            .AddHubOptions<LiveHub>(options =>
            {
                // One invocation at a time per client keeps a client's Subscribe calls in order; the messages it sends
                // are tiny, so anything larger is a mistake or an attack.
                options.MaximumParallelInvocationsPerClient = 1;
                options.MaximumReceiveMessageSize = 8 * 1024;
                options.EnableDetailedErrors = false;
            });
        return services;
    }
}
