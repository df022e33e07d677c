namespace Dashboard.Core.Catalog;

/// <summary>
/// The tier that owns a case (处置层级). Ordered from the smallest to the biggest so that
/// "next tier up" is a comparison: small matters stay in the grid, bigger ones in the community,
/// big ones in the street, hard ones go to the district and then to joint triage.
/// </summary>
public enum HandlingTier
{
    /// <summary>网格: the grid worker fixes it.</summary>
    Grid = 0,

    /// <summary>村居: the community/village committee.</summary>
    Community = 1,

    /// <summary>镇街: the street/town center and its teams.</summary>
    Street = 2,

    /// <summary>区: the district command center and line departments.</summary>
    District = 3,
}

/// <summary>部件 (a fixed facility) or 事件 (something that happened).</summary>
public enum ItemKind
{
    /// <summary>部件: a public facility, e.g. a manhole cover.</summary>
    Component,

    /// <summary>事件: an event or behaviour, e.g. exposed garbage.</summary>
    Event,
}
