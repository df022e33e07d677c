using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Core.Live;

public static class LiveCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the non-web half of the live path: <see cref="LiveOptions"/> (section <c>Live</c>), the change-log reader and tailer,
    /// and the PostgreSQL NOTIFY listener. Needs <see cref="Storage.StoreServiceCollectionExtensions.AddCityStore"/>,
    /// which registers <see cref="ChangeLogSignal"/> and hooks it to every commit.
    /// </summary>
    public static IServiceCollection AddChangeLogTailing(this IServiceCollection services)
    {
        services.AddOptions<LiveOptions>()
            .BindConfiguration(LiveOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChangeLogSignal>();
        services.TryAddSingleton<IChangeLogSignal>(sp => sp.GetRequiredService<ChangeLogSignal>());
        services.TryAddSingleton<ChangeLogReader>();
        services.TryAddSingleton<ChangeLogTailer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresChangeListener>());
        return services;
    }
}
