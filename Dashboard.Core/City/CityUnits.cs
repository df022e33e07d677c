using NetTopologySuite.Geometries;

namespace Dashboard.Core.City;

/// <summary>Whether a 镇街 is a subdistrict (街道) or a town (镇).</summary>
public enum StreetKind
{
    Street,
    Town,
}

/// <summary>Whether a 村居 is an urban community (社区, 居委会) or a village (村, 村委会).</summary>
public enum CommunityKind
{
    Community,
    Village,
}

/// <summary>The district (区) the dashboard governs, e.g. 440604 禅城区.</summary>
public sealed class District
{
    public District(string code, string name, string nameEn, Geometry boundary)
    {
        if (code is null || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"district code '{code}' must be 6 digits (GB/T 2260)", nameof(code));
        }

        Code = code;
        Name = RequireText(name, nameof(name));
        NameEn = RequireText(nameEn, nameof(nameEn));
        Boundary = RequireArea(boundary, $"district {code}");
    }

    private District()
    {
        Code = Name = NameEn = string.Empty;
        Boundary = Polygon.Empty;
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public string NameEn { get; private set; }

    public Geometry Boundary { get; private set; }

    internal static string RequireText(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty", name) : value;

    internal static Geometry RequireArea(Geometry boundary, string what)
    {
        ArgumentNullException.ThrowIfNull(boundary);
        return boundary is Polygon or MultiPolygon && !boundary.IsEmpty
            ? boundary
            : throw new ArgumentException($"{what}: boundary must be a non-empty Polygon or MultiPolygon, got {boundary.GeometryType}", nameof(boundary));
    }
}

/// <summary>A street or town (镇街), the tier below the district.</summary>
public sealed class Street
{
    public Street(StreetCode code, string name, string nameEn, StreetKind kind, Geometry boundary)
    {
        Code = code.Value is null ? throw new ArgumentException("street code is required", nameof(code)) : code;
        Name = District.RequireText(name, nameof(name));
        NameEn = District.RequireText(nameEn, nameof(nameEn));
        Kind = kind;
        Boundary = District.RequireArea(boundary, $"street {code}");
    }

    private Street()
    {
        Name = NameEn = string.Empty;
        Boundary = Polygon.Empty;
    }

    public StreetCode Code { get; private set; }

    public string Name { get; private set; }

    public string NameEn { get; private set; }

    public StreetKind Kind { get; private set; }

    public Geometry Boundary { get; private set; }

    public override string ToString() => $"{Code} {Name}";
}

/// <summary>A community or village (村居), the tier below the street; its code starts with the street's.</summary>
public sealed class Community
{
    public Community(CommunityCode code, string name, string nameEn, CommunityKind kind, Geometry boundary)
    {
        Code = code.Value is null ? throw new ArgumentException("community code is required", nameof(code)) : code;
        if (code.IsVillage != (kind == CommunityKind.Village))
        {
            throw new ArgumentException(
                $"community {code}: kind {kind} does not match its code (001–199 community, 200–399 village)", nameof(kind));
        }

        StreetCode = code.Street;
        Name = District.RequireText(name, nameof(name));
        NameEn = District.RequireText(nameEn, nameof(nameEn));
        Kind = kind;
        Boundary = District.RequireArea(boundary, $"community {code}");
    }

    private Community()
    {
        Name = NameEn = string.Empty;
        Boundary = Polygon.Empty;
    }

    public CommunityCode Code { get; private set; }

    public StreetCode StreetCode { get; private set; }

    public string Name { get; private set; }

    public string NameEn { get; private set; }

    public CommunityKind Kind { get; private set; }

    public Geometry Boundary { get; private set; }

    public override string ToString() => $"{Code} {Name}";
}

/// <summary>A unit grid (网格): the smallest governance cell; every incident is located in exactly one.</summary>
public sealed class GridCell
{
    public GridCell(GridCode code, string name, string nameEn, int households, int population, Geometry boundary)
    {
        Code = code.Value is null ? throw new ArgumentException("grid code is required", nameof(code)) : code;
        CommunityCode = code.Community;
        StreetCode = code.Street;
        Name = District.RequireText(name, nameof(name));
        NameEn = District.RequireText(nameEn, nameof(nameEn));
        Households = households >= 0 ? households : throw new ArgumentOutOfRangeException(nameof(households), households, "households must not be negative");
        Population = population >= 0 ? population : throw new ArgumentOutOfRangeException(nameof(population), population, "population must not be negative");
        Boundary = District.RequireArea(boundary, $"grid {code}");
    }

    private GridCell()
    {
        Name = NameEn = string.Empty;
        Boundary = Polygon.Empty;
    }

    public GridCode Code { get; private set; }

    public CommunityCode CommunityCode { get; private set; }

    public StreetCode StreetCode { get; private set; }

    public string Name { get; private set; }

    public string NameEn { get; private set; }

    public int Households { get; private set; }

    public int Population { get; private set; }

    public Geometry Boundary { get; private set; }

    public override string ToString() => $"{Code} {Name}";
}
