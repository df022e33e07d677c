using Dashboard.Core.City;

namespace Dashboard.City;

public static class WebCityServiceCollectionExtensions
{
    /// <summary>
    /// The web's view of the city, <see cref="ICityQuery"/>, over the <see cref="CityMap"/> and
    /// <see cref="GridIndex"/> that the store loads at start (registered by <c>AddCityStore</c>).
    /// </summary>
    public static IServiceCollection AddCityQuery(this IServiceCollection services)
    {
        services.AddSingleton<ICityQuery>(sp => new CityModelQuery(sp.GetRequiredService<CityMap>(), sp.GetRequiredService<GridIndex>()));
        return services;
    }
}
