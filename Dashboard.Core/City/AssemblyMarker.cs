namespace Dashboard.Core;

/// <summary>Anchors the assembly for scanning (EF configurations, options).</summary>
public sealed class CoreAssemblyMarker;
