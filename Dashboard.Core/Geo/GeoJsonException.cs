namespace Dashboard.Core.Geo;

/// <summary>Malformed GeoJSON. The message names the JSON path and what was wrong there.</summary>
public sealed class GeoJsonException : FormatException
{
    public GeoJsonException()
    {
    }

    public GeoJsonException(string message)
        : base(message)
    {
    }

    public GeoJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>JSON path of the offending element, e.g. <c>$.features[3].geometry.coordinates[0]</c>.</summary>
    public string? Path { get; init; }

    internal static GeoJsonException At(string path, string problem) => new($"{path}: {problem}") { Path = path };
}
