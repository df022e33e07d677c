namespace Dashboard.Ingest.Simulation;

/// <summary>One request the simulator sends: the feed path, its content type and the body.</summary>
public sealed record SimulatedMessage(string Path, string ContentType, string Body, string Kind, bool IsMalformed = false);
