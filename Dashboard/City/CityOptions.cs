using System.ComponentModel.DataAnnotations;

namespace Dashboard.City;

/// <summary>Where the city's boundary files are (<c>City</c> section).</summary>
public sealed class CityOptions
{
    public const string SectionName = "City";

    /// <summary>
    /// Folder holding <c>city/district.geojson</c>, <c>streets</c>, <c>communities</c> and <c>grids</c>
    /// (written by tools/CityGenerator). Relative paths are resolved against the content root.
    /// </summary>
    [Required]
    public string AssetsPath { get; set; } = "../assets";
}
