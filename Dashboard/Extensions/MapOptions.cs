namespace Dashboard.Extensions;

/// <summary>
/// Map settings (<c>Map</c> section). The city boundaries are the basemap; a raster tile layer is
/// drawn under them only when <see cref="TileUrl"/> is set (e.g. an intranet tile server, in WGS-84 /
/// Web Mercator — GCJ-02 tiles would sit ~600 m off the boundaries).
/// </summary>
public sealed class MapOptions
{
    public const string SectionName = "Map";

    /// <summary>Leaflet URL template, e.g. <c>https://tiles.example/{z}/{x}/{y}.png</c>. Empty: no tiles.</summary>
    public string TileUrl { get; set; } = "";

    public string TileAttribution { get; set; } = "";
}
