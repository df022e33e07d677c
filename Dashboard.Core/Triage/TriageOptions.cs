using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Triage;

/// <summary>Settings of joint triage (联合研判), from the <c>Triage</c> configuration section.</summary>
public sealed class TriageOptions
{
    public const string SectionName = "Triage";

    /// <summary>A case this close to a street or community boundary is flagged: ownership there is often unclear.</summary>
    [Range(1, 2000)]
    public double BoundaryDistanceMetres { get; set; } = 60;

    /// <summary>How long a guest link (for a department outside the system) stays valid.</summary>
    [Range(1, 24 * 14)]
    public int GuestLinkHours { get; set; } = 24;

    /// <summary>Precedents older than this are no longer suggested: rules and boundaries change.</summary>
    [Range(1, 3650)]
    public int PrecedentYears { get; set; } = 3;
}
