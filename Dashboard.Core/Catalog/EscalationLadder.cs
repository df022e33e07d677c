namespace Dashboard.Core.Catalog;

/// <summary>Where an escalated case goes: a higher tier, or joint triage once the district cannot settle it.</summary>
public sealed record EscalationStep(HandlingTier From, HandlingTier To, bool IsJointTriage)
{
    public override string ToString() => IsJointTriage ? $"{From} -> joint triage" : $"{From} -> {To}";
}

/// <summary>
/// 小事不出网格，大事不出村社: grid → community → street → district → joint triage (联合研判).
/// Each step goes exactly one tier up so no tier is skipped silently.
/// </summary>
public static class EscalationLadder
{
    public static IReadOnlyList<HandlingTier> Tiers { get; } =
        [HandlingTier.Grid, HandlingTier.Community, HandlingTier.Street, HandlingTier.District];

    /// <summary>The next step up from <paramref name="current"/>; from the district that is joint triage at the district.</summary>
    public static EscalationStep Next(HandlingTier current) => current switch
    {
        HandlingTier.Grid => new(current, HandlingTier.Community, false),
        HandlingTier.Community => new(current, HandlingTier.Street, false),
        HandlingTier.Street => new(current, HandlingTier.District, false),
        HandlingTier.District => new(current, HandlingTier.District, true),
        _ => throw new ArgumentOutOfRangeException(nameof(current), current, "Unknown handling tier."),
    };

    /// <summary>Whether <paramref name="tier"/> sits above <paramref name="other"/>.</summary>
    public static bool IsAbove(HandlingTier tier, HandlingTier other) => tier > other;
}
