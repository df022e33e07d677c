using Dashboard.Core.Catalog;

namespace Dashboard.Core.Incidents;

/// <summary>A 延期申请: who asked for how much more time on which stage, and why.</summary>
public sealed record ExtensionRequest(SlaStage Stage, SlaSpec Extra, string RequestedById, string RequestedByName, DateTimeOffset RequestedUtc, string Reason);
