using Dashboard.Core.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.City;

public static class CityServiceCollectionExtensions
{
    /// <summary>
    /// Registers the demo city read from <paramref name="assetsFolder"/> as singletons: <see cref="CityAssets"/>,
    /// <see cref="CityMap"/>, <see cref="GridIndex"/> and <see cref="DeviceRegistry"/>. The files are read on
    /// first use; a broken asset fails that first resolution with a message naming the file.
    /// </summary>
    public static IServiceCollection AddCityModel(this IServiceCollection services, string assetsFolder)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(assetsFolder);
        services.AddSingleton(_ => CityAssets.Load(assetsFolder));
        services.AddSingleton(sp => sp.GetRequiredService<CityAssets>().City);
        services.AddSingleton(sp => sp.GetRequiredService<CityAssets>().Grids);
        services.AddSingleton(sp => sp.GetRequiredService<CityAssets>().Devices);
        return services;
    }
}
