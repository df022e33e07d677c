using Dashboard.Core.City;
using Dashboard.Core.Registry;
using Dashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.City;

public class CityServiceCollectionExtensionsTests
{
    [Fact]
    public void App_gets_one_shared_city_its_index_and_its_devices()
    {
        using var provider = new ServiceCollection().AddCityModel(TestPaths.Assets).BuildServiceProvider();

        var assets = provider.GetRequiredService<CityAssets>();

        Assert.Same(assets.City, provider.GetRequiredService<CityMap>());
        Assert.Same(assets.Grids, provider.GetRequiredService<GridIndex>());
        Assert.Same(assets.Devices, provider.GetRequiredService<DeviceRegistry>());
        Assert.Equal(478, provider.GetRequiredService<CityMap>().Grids.Count);
    }

    [Fact]
    public void Missing_assets_folder_fails_naming_the_file()
    {
        using var provider = new ServiceCollection().AddCityModel("/nonexistent-assets").BuildServiceProvider();

        var ex = Assert.Throws<InvalidDataException>(() => provider.GetRequiredService<CityMap>());

        Assert.Contains("district.geojson", ex.Message, StringComparison.Ordinal);
    }
}
