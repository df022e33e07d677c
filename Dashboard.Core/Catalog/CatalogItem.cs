namespace Dashboard.Core.Catalog;

/// <summary>
/// One inspection item (巡查事项) of the catalog: a 部件 or 事件 class in GB/T 30428.2 style, with who owns it,
/// at which tier it is handled and how long each stage may take.
/// </summary>
public sealed class CatalogItem
{
    private readonly List<string> _departmentCodes = [];
    private readonly List<StageSla> _slas = [];
    private readonly List<string> _feedKeys = [];

    private CatalogItem()
    {
        Code = string.Empty;
        StandardCode = string.Empty;
        MajorClassCode = string.Empty;
        MajorClassName = string.Empty;
        MinorClassCode = string.Empty;
        MinorClassName = string.Empty;
        Name = string.Empty;
        NameEn = string.Empty;
    }

    public CatalogItem(
        string code,
        ItemKind kind,
        string majorClassCode,
        string majorClassName,
        string minorClassCode,
        string minorClassName,
        string name,
        string nameEn,
        IEnumerable<string> departmentCodes,
        HandlingTier tier,
        IEnumerable<StageSla> slas,
        int defaultSeverity,
        bool isOnTheSpot,
        IEnumerable<string> feedKeys)
        : this()
    {
        if (!CatalogCode.IsValid(code, kind))
        {
            throw new ArgumentException(
                $"Catalog item code '{code}' is not of the form {CatalogCode.Prefix(kind)}-MM-NN (major and minor class, two digits each).",
                nameof(code));
        }

        if (code != CatalogCode.Format(kind, majorClassCode, minorClassCode))
        {
            throw new ArgumentException(
                $"Catalog item code '{code}' disagrees with its classes: major {majorClassCode}, minor {minorClassCode} make {CatalogCode.Format(kind, majorClassCode, minorClassCode)}.",
                nameof(code));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"Catalog item {code} needs a name.", nameof(name));
        }

        if (defaultSeverity is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultSeverity), defaultSeverity, $"Catalog item {code}: severity is 1..5.");
        }

        Code = code;
        Kind = kind;
        MajorClassCode = majorClassCode;
        MajorClassName = majorClassName;
        MinorClassCode = minorClassCode;
        MinorClassName = minorClassName;
        StandardCode = majorClassCode + minorClassCode;
        Name = name;
        NameEn = nameEn;
        Tier = tier;
        DefaultSeverity = defaultSeverity;
        IsOnTheSpot = isOnTheSpot;
        _departmentCodes.AddRange(departmentCodes.Distinct(StringComparer.Ordinal));
        if (_departmentCodes.Count == 0)
        {
            throw new ArgumentException($"Catalog item {code} needs at least one owning department.", nameof(departmentCodes));
        }

        foreach (var sla in slas)
        {
            if (_slas.Any(s => s.Stage == sla.Stage))
            {
                throw new ArgumentException($"Catalog item {code} has two limits for stage {sla.Stage}.", nameof(slas));
            }

            _slas.Add(sla);
        }

        if (SlaFor(SlaStage.Dispatch) is null || SlaFor(SlaStage.Handle) is null)
        {
            throw new ArgumentException($"Catalog item {code} needs at least a dispatch and a handle limit.", nameof(slas));
        }

        _feedKeys.AddRange(feedKeys.Distinct(StringComparer.Ordinal));
    }

    /// <summary>Our code, e.g. <c>CP-01-01</c> (部件 上水井盖) or <c>EV-01-02</c> (事件 暴露垃圾).</summary>
    public string Code { get; private set; }

    /// <summary>The 4-digit 大类+小类 code as used inside GB/T 30428-style 部件 IDs, e.g. <c>0101</c>.</summary>
    public string StandardCode { get; private set; }

    public ItemKind Kind { get; private set; }

    /// <summary>大类 code, two digits.</summary>
    public string MajorClassCode { get; private set; }

    public string MajorClassName { get; private set; }

    /// <summary>小类 code, two digits, unique within its major class.</summary>
    public string MinorClassCode { get; private set; }

    public string MinorClassName { get; private set; }

    public string Name { get; private set; }

    public string NameEn { get; private set; }

    /// <summary>
    /// The departments that may own this item. More than one means the owner is decided case by case
    /// (joint triage, 联合研判); the first is the usual lead.
    /// </summary>
    public IReadOnlyList<string> DepartmentCodes => _departmentCodes;

    public bool HasSeveralCandidateDepartments => _departmentCodes.Count > 1;

    public HandlingTier Tier { get; private set; }

    public IReadOnlyList<StageSla> Slas => _slas;

    /// <summary>1 (minor) .. 5 (critical).</summary>
    public int DefaultSeverity { get; private set; }

    /// <summary>现场处置: a grid worker may fix it on the spot and close it without dispatch.</summary>
    public bool IsOnTheSpot { get; private set; }

    /// <summary>Keys that map feed messages to this item, e.g. <c>camera:占道经营</c>, <c>iot:manhole.tilt</c>.</summary>
    public IReadOnlyList<string> FeedKeys => _feedKeys;

    public SlaSpec? SlaFor(SlaStage stage) => _slas.FirstOrDefault(s => s.Stage == stage)?.Limit;

    public override string ToString() => $"{Code} {Name}";
}

/// <summary>The shape of catalog item codes.</summary>
public static class CatalogCode
{
    public static string Prefix(ItemKind kind) => kind == ItemKind.Component ? "CP" : "EV";

    public static string Format(ItemKind kind, string majorClassCode, string minorClassCode) =>
        $"{Prefix(kind)}-{majorClassCode}-{minorClassCode}";

    public static bool IsValid(string? code, ItemKind kind) =>
        code is { Length: 8 }
        && code.StartsWith(Prefix(kind) + "-", StringComparison.Ordinal)
        && char.IsAsciiDigit(code[3]) && char.IsAsciiDigit(code[4])
        && code[5] == '-'
        && char.IsAsciiDigit(code[6]) && char.IsAsciiDigit(code[7]);
}
