using Dashboard.Localization;
using System.Globalization;

namespace Dashboard.City;

/// <summary>One of the four tiers as the web shows it: code plus Chinese and English name.</summary>
public sealed record CityArea(string Code, string Name, string NameEn)
{
    /// <summary>The name in the current UI culture (English name when English is chosen and known).</summary>
    public string LocalName =>
        UiCultures.IsEnglish(CultureInfo.CurrentUICulture) && !string.IsNullOrEmpty(NameEn) ? NameEn : Name;
}

/// <summary>A street/town (镇街) with how many communities and grids it holds.</summary>
public sealed record StreetSummary(CityArea Street, int CommunityCount, int GridCount);

public sealed record CityOverview(CityArea District, IReadOnlyList<StreetSummary> Streets)
{
    public int CommunityCount => Streets.Sum(s => s.CommunityCount);

    public int GridCount => Streets.Sum(s => s.GridCount);
}

/// <summary>Where a point falls: the grid (网格) and the community (村居) and street (镇街) above it.</summary>
public sealed record CityLocation(CityArea Street, CityArea Community, CityArea Grid);

public enum CityLayer
{
    District,
    Streets,
    Communities,
    Grids,
}

/// <summary>
/// What the web needs from the city model: the overview for pages, the boundary layers as GeoJSON for
/// the map, and point location. Answers come from memory (the model is loaded once at start).
/// </summary>
public interface ICityQuery
{
    CityOverview Overview { get; }

    /// <summary>The layer as a UTF-8 GeoJSON FeatureCollection (WGS-84), with a strong ETag for caching.</summary>
    CityGeoJsonDocument GetLayer(CityLayer layer);

    /// <summary>The grid containing a WGS-84 point, or null outside the district.</summary>
    CityLocation? Locate(double longitude, double latitude);
}

public sealed record CityGeoJsonDocument(ReadOnlyMemory<byte> Utf8Json, string ETag);
