namespace Dashboard.Core.Sla;

/// <summary>The 红黄灯 traffic light of a case's time limits, as dashboards colour it.</summary>
public enum SlaLight
{
    /// <summary>No clock is running (not yet registered, or finished).</summary>
    None,

    /// <summary>Every running clock has more than the due-soon share of its time left.</summary>
    Green,

    /// <summary>Some clock is due soon (黄灯).</summary>
    Yellow,

    /// <summary>Some clock is overdue (红灯).</summary>
    Red,
}
