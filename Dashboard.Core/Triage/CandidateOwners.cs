using Dashboard.Core.Catalog;
using Dashboard.Core.City;

namespace Dashboard.Core.Triage;

/// <summary>The rule that puts a unit forward as a possible owner. Sent by name; do not rename.</summary>
public enum CandidateRule
{
    /// <summary>A ruling on the same item at the same place (先例).</summary>
    Precedent,

    /// <summary>The catalog names the department for the item (事项清单).</summary>
    Catalog,

    /// <summary>The street on either side of a boundary the case lies next to (镇街交界).</summary>
    StreetBoundary,

    /// <summary>The community on either side of a boundary the case lies next to (村居交界).</summary>
    CommunityBoundary,

    /// <summary>A street that claims the enclave the case lies in (插花地带).</summary>
    Enclave,
}

/// <summary>
/// One reason behind a candidate: the rule, a sentence naming what it is based on (English, for logs and the API), and
/// the facts a screen words in its own language: the unit or enclave it is about, the distance, the precedent.
/// </summary>
public sealed record CandidateReason(CandidateRule Rule, string Reason, string? Subject = null, double? DistanceMetres = null, Precedent? Precedent = null);

/// <summary>
/// A possible owner of a disputed case: the department that would receive the dispatch, the tier it would hold the
/// case at, the unit it stands for (a street or community code, or null for a line department) and every rule behind it.
/// </summary>
public sealed record CandidateOwner(string DepartmentCode, HandlingTier Tier, string? UnitCode, IReadOnlyList<CandidateReason> Reasons)
{
    /// <summary>The strongest rule behind this candidate (precedent first).</summary>
    public CandidateRule Rule => Reasons.Min(r => r.Rule);
}

/// <summary>
/// Lists who could own a flagged case and why (候选责任主体): precedents for the same item and place first, then the
/// catalog's departments, the street centers on both sides of a street boundary or claiming an enclave, and the
/// communities on both sides of a community boundary (held at community tier by their street's center).
/// </summary>
public sealed class CandidateOwners(CityAssets city, InspectionCatalog catalog)
{
    public IReadOnlyList<CandidateOwner> For(TriageCase @case, IReadOnlyList<TriageFlag> flags, IReadOnlyList<Precedent> precedents)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var found = new List<(string Department, HandlingTier Tier, string? Unit, CandidateReason Reason)>();

        foreach (var precedent in precedents.OrderByDescending(p => p.RuledUtc))
        {
            found.Add((precedent.DepartmentCode, precedent.Tier, null, new CandidateReason(CandidateRule.Precedent,
                $"Ruled for {precedent.ItemCode} at {precedent.PlaceKey} on {precedent.RuledUtc:yyyy-MM-dd} (case {precedent.IncidentNumber}): {precedent.Reason}",
                precedent.PlaceKey, Precedent: precedent)));
        }

        if (catalog.TryGetItem(@case.ItemCode, out var item))
        {
            foreach (var code in item!.DepartmentCodes)
            {
                found.Add((code, item.Tier, null, new CandidateReason(CandidateRule.Catalog,
                    item.HasSeveralCandidateDepartments
                        ? $"The catalog lists {code} among {item.DepartmentCodes.Count} owners of {item.Code} {item.NameEn}."
                        : $"The catalog owner of {item.Code} {item.NameEn}.", item.Code)));
            }
        }

        foreach (var flag in flags)
        {
            switch (flag.Kind)
            {
                case TriageFlagKind.NearStreetBoundary:
                    foreach (var street in flag.Subjects)
                    {
                        if (StreetCenter(street) is { } center)
                        {
                            found.Add((center, HandlingTier.Street, street, new CandidateReason(CandidateRule.StreetBoundary,
                                street == @case.StreetCode
                                    ? $"The case lies in street {street}, {flag.DistanceMetres} m from its boundary."
                                    : $"Street {street} is across the boundary, within {flag.DistanceMetres} m.", street, flag.DistanceMetres)));
                        }
                    }

                    break;
                case TriageFlagKind.NearCommunityBoundary:
                    foreach (var community in flag.Subjects)
                    {
                        if (CommunityCode.TryParse(community, out var code) && StreetCenter(code.Street.Value) is { } center)
                        {
                            found.Add((center, HandlingTier.Community, community, new CandidateReason(CandidateRule.CommunityBoundary,
                                community == @case.CommunityCode
                                    ? $"The case lies in community {community}, {flag.DistanceMetres} m from its boundary."
                                    : $"Community {community} is across the boundary, within {flag.DistanceMetres} m.", community, flag.DistanceMetres)));
                        }
                    }

                    break;
                case TriageFlagKind.InsideEnclave:
                    var enclave = flag.Subjects[0];
                    foreach (var street in flag.Subjects.Skip(1))
                    {
                        if (StreetCenter(street) is { } center)
                        {
                            found.Add((center, HandlingTier.Street, street, new CandidateReason(CandidateRule.Enclave,
                                $"Street {street} claims enclave {enclave}" + (street == @case.StreetCode ? "; the grid places the case in it." : "."), enclave)));
                        }
                    }

                    break;
            }
        }

        return [.. found
            .GroupBy(f => (f.Department, f.Tier, f.Unit))
            .Select(g => new CandidateOwner(g.Key.Department, g.Key.Tier, g.Key.Unit, [.. g.Select(f => f.Reason).Distinct()]))
            .OrderBy(c => c.Rule)
            .ThenBy(c => c.DepartmentCode, StringComparer.Ordinal)];
    }

    /// <summary>The place key precedents are filed under for this case.</summary>
    public static string PlaceKeyFor(TriageCase @case, IReadOnlyList<TriageFlag> flags) =>
        PlaceKeys.For(@case.GridCode, flags.FirstOrDefault(f => f.Kind == TriageFlagKind.InsideEnclave)?.Subjects[0]);

    // A street with no command center in the catalog cannot receive a dispatch, so it is not offered.
    private string? StreetCenter(string streetCode) =>
        StreetCode.TryParse(streetCode, out var code) && city.City.TryGetStreet(code, out _)
            ? catalog.StreetCenterFor(streetCode)?.Code
            : null;
}
