namespace Dashboard.Wall;

/// <summary>
/// Everything the wall (大屏) needs to draw itself for one scope, consistent at change-log position
/// <see cref="Head"/>: the client draws it and subscribes to the live hub from <see cref="Head"/>, so every
/// later change arrives as a delta exactly once. Property names are the JSON contract of <c>wall.ts</c>.
/// </summary>
public sealed record WallSnapshot(
    string Scope,
    long Head,
    DateTimeOffset GeneratedAt,
    WallStats Stats,
    IReadOnlyList<WallIncident> Incidents,
    bool IncidentsTruncated,
    IReadOnlyList<WallIncident> Ticker)
{
    /// <summary>
    /// Set when the snapshot is a replay (回放) of the past rebuilt from the change log, not the live state: the wall
    /// then shows a banner and follows no live deltas.
    /// </summary>
    public DateTimeOffset? ReplayAt { get; init; }
}

/// <summary>
/// The aggregate part of the snapshot (tiles, charts, boards, alarms). The client reloads it on its own a moment
/// after live changes arrive, because counts such as the median or the SLA share cannot be patched from deltas.
/// </summary>
public sealed record WallStats(
    long Head,
    WallKpis Kpis,
    IReadOnlyList<WallHourCount> PerHour,
    IReadOnlyList<WallNamedCount> ByCategory,
    IReadOnlyList<WallNamedCount> ByStreet,
    IReadOnlyList<WallDepartmentSla> Sla,
    IReadOnlyList<WallDepartmentBoard> Dispatch,
    IReadOnlyList<WallSensorAlarm> SensorAlarms)
{
    /// <summary>Per grid cell with anything to show: the choropleth's data, rolled up to community and street by the client.</summary>
    public IReadOnlyList<WallAreaCount> Areas { get; init; } = [];
}

/// <summary>
/// One grid cell (网格) on the choropleth: open cases, the open ones past their due time, and repeat cases — cases of
/// a catalog item already found in the same cell within the last 30 days (复发).
/// </summary>
public sealed record WallAreaCount(string Grid, int Open, int Overdue, int Recurring);

/// <summary>Today's (China time) and live counters of the KPI tiles.</summary>
public sealed record WallKpis(
    int Found,
    int HandledOnTheSpot,
    int Dispatched,
    int Closed,
    int Overdue,
    int Open,
    double? ClosureRate,
    double? MedianMinutesToClose,
    int SensorsInAlarm,
    int CamerasOnline,
    int Cameras);

/// <summary>Incidents reported in one China-time hour; <see cref="Hour"/> is the hour's start.</summary>
public sealed record WallHourCount(DateTimeOffset Hour, string Label, int Count);

public sealed record WallNamedCount(string Code, string Name, int Count);

/// <summary>A department's share of SLA clocks kept today: completed in time, or still running and not due.</summary>
public sealed record WallDepartmentSla(string Code, string Name, int Clocks, int Kept, double Compliance);

/// <summary>One row of the dispatch board (派遣看板): a department's open cases by stage.</summary>
public sealed record WallDepartmentBoard(string Code, string Name, int Waiting, int InProgress, int Overdue);

/// <param name="AlarmName">The catalog's name for the alarm (烟雾报警), for people; <paramref name="AlarmKey"/> is the device's own key.</param>
public sealed record WallSensorAlarm(string DeviceId, string DeviceName, string Kind, string AlarmKey, string AlarmName, string? IncidentNumber, double? Value, DateTimeOffset? Since, double? Lon, double? Lat, string? Grid);

/// <summary>An incident as the map and the ticker draw it (the same shape as the live delta's data).</summary>
public sealed record WallIncident(
    string Number,
    string Title,
    int Severity,
    string Status,
    double Lon,
    double Lat,
    string? Grid,
    string? Street,
    string Source,
    string? Department,
    DateTimeOffset Reported,
    DateTimeOffset? Due);
