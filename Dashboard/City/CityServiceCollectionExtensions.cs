using Microsoft.Extensions.Options;

namespace Dashboard.City;

public static class CityServiceCollectionExtensions
{
    /// <summary>The city model the pages and <c>/api/city</c> read, loaded once from the assets folder.</summary>
    public static IServiceCollection AddCityQuery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CityOptions>()
            .Bind(configuration.GetSection(CityOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ICityQuery>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CityOptions>>().Value;
            var root = sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
            return new AssetCityQuery(Path.GetFullPath(Path.Combine(root, options.AssetsPath)));
        });
        return services;
    }
}
