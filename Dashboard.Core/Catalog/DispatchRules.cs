namespace Dashboard.Core.Catalog;

/// <summary>Where a case happened, as far as dispatch cares: its unit codes at each tier.</summary>
public sealed record DispatchPlace(string? StreetCode, string? CommunityCode, string? GridCode, bool IsOutsideDistrict = false)
{
    public static DispatchPlace OutsideDistrict { get; } = new(null, null, null, IsOutsideDistrict: true);
}

/// <summary>
/// A local exception to the catalog's owner: for an item (or a whole major class) — optionally only in one
/// street — send it to another department and/or tier. Most specific rule wins: item+street, item,
/// class+street, class.
/// </summary>
public sealed record DispatchRule(
    string? ItemCode,
    ItemKind? Kind,
    string? MajorClassCode,
    string? StreetCode,
    string DepartmentCode,
    HandlingTier? Tier,
    string Reason)
{
    public static DispatchRule ForItem(string itemCode, string departmentCode, string reason, HandlingTier? tier = null, string? streetCode = null) =>
        new(itemCode, null, null, streetCode, departmentCode, tier, reason);

    public static DispatchRule ForMajorClass(ItemKind kind, string majorClassCode, string departmentCode, string reason, HandlingTier? tier = null, string? streetCode = null) =>
        new(null, kind, majorClassCode, streetCode, departmentCode, tier, reason);

    internal int Specificity => (ItemCode is not null ? 2 : 0) + (StreetCode is not null ? 1 : 0);

    internal bool Matches(CatalogItem item, DispatchPlace place) =>
        (ItemCode is null || ItemCode == item.Code)
        && (Kind is null || Kind == item.Kind)
        && (MajorClassCode is null || MajorClassCode == item.MajorClassCode)
        && (StreetCode is null || StreetCode == place.StreetCode);
}

/// <summary>How a case should be routed: why, to whom, at which tier, and whether it needs joint triage first.</summary>
public sealed record DispatchDecision(
    HandlingTier Tier,
    string? DepartmentCode,
    IReadOnlyList<string> CandidateDepartmentCodes,
    string? OwnerUnitCode,
    bool NeedsJointTriage,
    bool IsOutsideDistrict,
    string Reason);

/// <summary>
/// Decides owner department and tier for a case from its catalog item, its place and local overrides.
/// Items with several candidate departments are not guessed: they go to joint triage (联合研判) at the district.
/// </summary>
public sealed class DispatchRules
{
    private readonly InspectionCatalog _catalog;
    private readonly IReadOnlyList<DispatchRule> _overrides;

    public DispatchRules(InspectionCatalog catalog, IEnumerable<DispatchRule>? overrides = null)
    {
        _catalog = catalog;
        _overrides = [.. overrides ?? []];
        foreach (var rule in _overrides)
        {
            if (rule.ItemCode is null && rule.MajorClassCode is null)
            {
                throw new CatalogException($"Dispatch rule to {rule.DepartmentCode} names neither an item nor a major class; it would match everything.");
            }

            if (rule.ItemCode is not null && !_catalog.TryGetItem(rule.ItemCode, out _))
            {
                throw new CatalogException($"Dispatch rule names item {rule.ItemCode}, which is not in the catalog.");
            }

            if (!_catalog.TryGetDepartment(rule.DepartmentCode, out var department) || !department!.CanHandleCases)
            {
                throw new CatalogException($"Dispatch rule names department {rule.DepartmentCode}, which is not a case-handling department in the catalog.");
            }
        }
    }

    /// <param name="departmentOverride">A dispatcher's explicit choice; it wins over the catalog and the rules.</param>
    public DispatchDecision Decide(CatalogItem item, DispatchPlace place, string? departmentOverride = null)
    {
        if (place.IsOutsideDistrict)
        {
            return new DispatchDecision(
                HandlingTier.District, null, item.DepartmentCodes, null, NeedsJointTriage: false, IsOutsideDistrict: true,
                "The place is outside the district: the district command center hands it to the neighbouring district.");
        }

        if (departmentOverride is not null)
        {
            var chosen = _catalog.GetDepartment(departmentOverride);
            if (!chosen.CanHandleCases)
            {
                throw new CatalogException($"Cannot dispatch to {chosen.Code}: a {chosen.Kind} does not handle cases.");
            }

            return Located(item.Tier, chosen.Code, [chosen.Code], place, "Chosen by the dispatcher.");
        }

        var rule = _overrides.Where(r => r.Matches(item, place)).OrderByDescending(r => r.Specificity).FirstOrDefault();
        if (rule is not null)
        {
            return Located(rule.Tier ?? item.Tier, rule.DepartmentCode, [rule.DepartmentCode], place, rule.Reason);
        }

        if (item.HasSeveralCandidateDepartments)
        {
            return new DispatchDecision(
                HandlingTier.District, null, item.DepartmentCodes, Districts.Chancheng, NeedsJointTriage: true, IsOutsideDistrict: false,
                $"{item.Name} can belong to {string.Join(", ", item.DepartmentCodes)}: the owner is settled in joint triage.");
        }

        return Located(item.Tier, item.DepartmentCodes[0], item.DepartmentCodes, place, $"Catalog owner of {item.Name}.");
    }

    // A tier is only usable when the place is known at that tier; otherwise the case moves up to the
    // first tier whose unit is known, so it never lands on an owner that cannot be found.
    private static DispatchDecision Located(HandlingTier tier, string departmentCode, IReadOnlyList<string> candidates, DispatchPlace place, string reason)
    {
        var effective = tier;
        while (UnitAt(effective, place) is null && effective < HandlingTier.District)
        {
            effective = EscalationLadder.Next(effective).To;
        }

        if (effective != tier)
        {
            reason += $" The place has no {tier.ToString().ToLowerInvariant()} code, so it is owned by the {effective.ToString().ToLowerInvariant()}.";
        }

        return new DispatchDecision(effective, departmentCode, candidates, UnitAt(effective, place), NeedsJointTriage: false, IsOutsideDistrict: false, reason);
    }

    private static string? UnitAt(HandlingTier tier, DispatchPlace place) => tier switch
    {
        HandlingTier.Grid => place.GridCode,
        HandlingTier.Community => place.CommunityCode,
        HandlingTier.Street => place.StreetCode,
        _ => Districts.Chancheng,
    };
}

/// <summary>Administrative code of the district this system serves (GB/T 2260).</summary>
public static class Districts
{
    /// <summary>禅城区, Foshan.</summary>
    public const string Chancheng = "440604";
}
