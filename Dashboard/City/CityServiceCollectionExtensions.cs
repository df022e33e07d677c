using Dashboard.Core.City;

namespace Dashboard.City;

public static class WebCityServiceCollectionExtensions
{
    /// <summary>
    /// The Core city model (<see cref="CityMap"/>, <see cref="GridIndex"/>, read from <c>City:AssetsPath</c>,
    /// relative to the content root) and the web's view of it, <see cref="ICityQuery"/>.
    /// </summary>
    public static IServiceCollection AddCityQuery(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(CityOptions.SectionName).Get<CityOptions>() ?? new CityOptions();
        var assets = Path.GetFullPath(Path.Combine(contentRoot, options.AssetsPath));
        services.AddCityModel(assets);
        services.AddSingleton<ICityQuery>(sp =>
            new CityModelQuery(sp.GetRequiredService<CityMap>(), sp.GetRequiredService<GridIndex>(), assets));
        return services;
    }
}
