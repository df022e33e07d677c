using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Core.Sla;

namespace Dashboard.Core.Storage.Seeding;

/// <summary>
/// The city, catalog and working calendar as this node loaded them at start: the in-process indexes that
/// answer the hot questions (which grid holds this point, which department owns this item, when is it due).
/// </summary>
public sealed class ReferenceData
{
    private CityAssets? _city;
    private InspectionCatalog? _catalog;
    private WorkingCalendar? _calendar;

    public CityAssets City => _city ?? throw NotLoaded();

    public InspectionCatalog Catalog => _catalog ?? throw NotLoaded();

    public WorkingCalendar Calendar => _calendar ?? throw NotLoaded();

    public bool IsLoaded => _city is not null;

    /// <summary>Publishes the loaded data; the city goes last so <see cref="IsLoaded"/> means all three are there.</summary>
    public void Set(CityAssets city, InspectionCatalog catalog, WorkingCalendar calendar)
    {
        _calendar = calendar;
        _catalog = catalog;
        _city = city;
    }

    private static InvalidOperationException NotLoaded() =>
        new("Reference data is not loaded yet: the store start-up (StoreStartup) has not finished.");

}
