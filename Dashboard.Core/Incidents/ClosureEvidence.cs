namespace Dashboard.Core.Incidents;

/// <summary>
/// 回访: the command center called the citizen who reported a 12345 / Open311 case back. A satisfied callback lets the
/// case close; an unsatisfied one reopens it.
/// </summary>
public sealed record CitizenCallback(bool Satisfied, string Note, string ById, string ByName, DateTimeOffset AtUtc);

/// <summary>A 挂起申请: the handling department asks to stop the clocks (waiting for a permit, the weather...).</summary>
public sealed record PauseRequest(string RequestedById, string RequestedByName, DateTimeOffset RequestedUtc, string Reason);

/// <summary>Before (处置前) or after (处置后) the handling, as a photo shows it.</summary>
public enum EvidenceStage
{
    Before,
    After,
}
