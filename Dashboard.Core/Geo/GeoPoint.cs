namespace Dashboard.Core.Geo;

/// <summary>A WGS-84/CGCS2000 position in degrees. A struct so hot spatial lookups allocate nothing.</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude)
{
    public override string ToString() => FormattableString.Invariant($"({Longitude:0.######}, {Latitude:0.######})");
}
