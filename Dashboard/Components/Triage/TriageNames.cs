using Dashboard.Core.Catalog;
using Dashboard.Core.City;
using Dashboard.Localization;

namespace Dashboard.Components.Triage;

/// <summary>Names for the codes triage shows (departments, streets, communities, enclaves), in the current UI culture.</summary>
public sealed class TriageNames(InspectionCatalog catalog, CityAssets city)
{
    public string Of(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "—";
        }

        var english = UiCultures.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        if (catalog.TryGetDepartment(code, out var department))
        {
            return english ? department!.NameEn : department!.Name;
        }

        if (StreetCode.TryParse(code, out var street) && city.City.TryGetStreet(street, out var s))
        {
            return english ? s.NameEn : s.Name;
        }

        if (CommunityCode.TryParse(code, out var community) && city.City.TryGetCommunity(community, out var c))
        {
            return english ? c.NameEn : c.Name;
        }

        return city.Enclaves.FirstOrDefault(e => e.Id == code) is { } enclave ? (english ? enclave.NameEn : enclave.Name) : code;
    }
}
