using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.City;

/// <summary>
/// Code of a street or town (镇街): 6-digit county code (GB/T 2260) + 3-digit township code (GB/T 10114:
/// 001–099 街道, 100–199 镇), e.g. <c>440604010</c> 石湾镇街道.
/// </summary>
public readonly record struct StreetCode : IComparable<StreetCode>
{
    public const int Length = 9;

    private StreetCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The 6-digit district (区县) code, e.g. 440604.</summary>
    public string DistrictCode => Value[..6];

    public static StreetCode Parse(string value) =>
        TryParse(value, out var code)
            ? code
            : throw new FormatException($"street code '{value}' must be {Length} digits: 6-digit district + 3-digit street/town (not 000)");

    public static bool TryParse([NotNullWhen(true)] string? value, out StreetCode code)
    {
        code = default;
        if (!CodeDigits.IsDigits(value, Length) || value.AsSpan(6, 3) is "000")
        {
            return false;
        }

        code = new StreetCode(value);
        return true;
    }

    public int CompareTo(StreetCode other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(StreetCode left, StreetCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(StreetCode left, StreetCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(StreetCode left, StreetCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(StreetCode left, StreetCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value ?? string.Empty;
}

/// <summary>
/// Code of a community or village (村居): street code + 3 digits (001–199 居委会 community,
/// 200–399 村委会 village), e.g. <c>440604010001</c> 澜石社区.
/// </summary>
public readonly record struct CommunityCode : IComparable<CommunityCode>
{
    public const int Length = 12;

    private CommunityCode(string value) => Value = value;

    public string Value { get; }

    public StreetCode Street => StreetCode.Parse(Value[..StreetCode.Length]);

    /// <summary>True for a 村委会 (village committee, 200–399), false for a 居委会 (community, 001–199).</summary>
    public bool IsVillage => int.Parse(Value.AsSpan(9, 3), provider: null) >= 200;

    public static CommunityCode Parse(string value) =>
        TryParse(value, out var code)
            ? code
            : throw new FormatException($"community code '{value}' must be {Length} digits: 9-digit street code + 001–399");

    public static bool TryParse([NotNullWhen(true)] string? value, out CommunityCode code)
    {
        code = default;
        if (!CodeDigits.IsDigits(value, Length) || !StreetCode.TryParse(value[..StreetCode.Length], out _))
        {
            return false;
        }

        var seq = int.Parse(value.AsSpan(9, 3), provider: null);
        if (seq is < 1 or > 399)
        {
            return false;
        }

        code = new CommunityCode(value);
        return true;
    }

    public int CompareTo(CommunityCode other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(CommunityCode left, CommunityCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(CommunityCode left, CommunityCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(CommunityCode left, CommunityCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(CommunityCode left, CommunityCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value ?? string.Empty;
}

/// <summary>
/// Code of a unit grid (单元网格), 15 digits after GB/T 30428.1: 6 district + 3 street + 3 community +
/// 3 sequence (numbered west→east, north→south within the community), e.g. <c>440604010001003</c>.
/// </summary>
public readonly record struct GridCode : IComparable<GridCode>
{
    public const int Length = 15;

    private GridCode(string value) => Value = value;

    public string Value { get; }

    public CommunityCode Community => CommunityCode.Parse(Value[..CommunityCode.Length]);

    public StreetCode Street => StreetCode.Parse(Value[..StreetCode.Length]);

    /// <summary>Sequence number within the community, 1–999.</summary>
    public int Sequence => int.Parse(Value.AsSpan(12, 3), provider: null);

    public static GridCode Parse(string value) =>
        TryParse(value, out var code)
            ? code
            : throw new FormatException($"grid code '{value}' must be {Length} digits: 12-digit community code + 001–999");

    public static bool TryParse([NotNullWhen(true)] string? value, out GridCode code)
    {
        code = default;
        if (!CodeDigits.IsDigits(value, Length) || !CommunityCode.TryParse(value[..CommunityCode.Length], out _)
            || value.AsSpan(12, 3) is "000")
        {
            return false;
        }

        code = new GridCode(value);
        return true;
    }

    public int CompareTo(GridCode other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(GridCode left, GridCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(GridCode left, GridCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(GridCode left, GridCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(GridCode left, GridCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value ?? string.Empty;
}

internal static class CodeDigits
{
    public static bool IsDigits([NotNullWhen(true)] string? value, int length)
    {
        if (value is null || value.Length != length)
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
