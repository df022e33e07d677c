using Microsoft.Extensions.Localization;

namespace Dashboard.Localization;

/// <summary>
/// The UI's strings, Chinese and English side by side so a missing translation is a compile error
/// rather than a blank label. Components inject <c>IStringLocalizer&lt;UiText&gt;</c>; keys are the
/// constants below so a typo does not compile either.
/// </summary>
public sealed class UiText
{
    public const string AppTitle = "App.Title";
    public const string NavMap = "Nav.Map";
    public const string Language = "Nav.Language";
    public const string HomeTitle = "Home.Title";
    public const string Streets = "Home.Streets";
    public const string Communities = "Home.Communities";
    public const string Grids = "Home.Grids";
    public const string Legend = "Home.Legend";
    public const string LegendDistrict = "Home.Legend.District";
    public const string LegendStreet = "Home.Legend.Street";
    public const string LegendCommunity = "Home.Legend.Community";
    public const string LegendGrid = "Home.Legend.Grid";
    public const string GridDetails = "Home.GridDetails";
    public const string GridHint = "Home.GridHint";
    public const string MapLabel = "Home.MapLabel";
    public const string LiveOffline = "Live.Offline";
    public const string NotFound = "Shell.NotFound";
    public const string Error = "Shell.Error";
    public const string WallTitle = "Wall.Title";
    public const string WallDenied = "Wall.Denied";
    public const string WallFreshness = "Wall.Freshness";
    public const string KpiFound = "Wall.Kpi.Found";
    public const string KpiOnTheSpot = "Wall.Kpi.OnTheSpot";
    public const string KpiDispatched = "Wall.Kpi.Dispatched";
    public const string KpiClosed = "Wall.Kpi.Closed";
    public const string KpiOverdue = "Wall.Kpi.Overdue";
    public const string KpiClosureRate = "Wall.Kpi.ClosureRate";
    public const string KpiMedian = "Wall.Kpi.Median";
    public const string KpiSensors = "Wall.Kpi.Sensors";
    public const string KpiCameras = "Wall.Kpi.Cameras";
    public const string ChartPerHour = "Wall.Chart.PerHour";
    public const string ChartCategory = "Wall.Chart.Category";
    public const string ChartStreet = "Wall.Chart.Street";
    public const string ChartSla = "Wall.Chart.Sla";
    public const string Ticker = "Wall.Ticker";
    public const string SensorAlarms = "Wall.SensorAlarms";
    public const string DispatchBoard = "Wall.DispatchBoard";
    public const string BoardDepartment = "Wall.Board.Department";
    public const string BoardWaiting = "Wall.Board.Waiting";
    public const string BoardInProgress = "Wall.Board.InProgress";
    public const string BoardOverdue = "Wall.Board.Overdue";
    public const string NoAlarms = "Wall.NoAlarms";
    public const string Minutes = "Wall.Minutes";
    public const string Critical = "Wall.Critical";
    public const string Truncated = "Wall.Truncated";
    public const string NoData = "Wall.NoData";
    public const string NoSla = "Wall.NoSla";
    public const string NoDispatch = "Wall.NoDispatch";
    public const string Replay = "Wall.Replay";
    public const string ReplayAt = "Wall.ReplayAt";
    public const string BackToLive = "Wall.BackToLive";
    public const string LiveNow = "Wall.Live";
    public const string ReplayPlay = "Wall.ReplayPlay";
    public const string MetricOpen = "Wall.Metric.Open";
    public const string MetricOverdue = "Wall.Metric.Overdue";
    public const string MetricRecurrence = "Wall.Metric.Recurrence";
    public const string LevelGrid = "Wall.Level.Grid";
    public const string LevelCommunity = "Wall.Level.Community";
    public const string LevelStreet = "Wall.Level.Street";
    public const string Workers = "Wall.Workers";
    public const string CamerasOnline = "Wall.CamerasOnline";
    public const string CamerasOffline = "Wall.CamerasOffline";
    public const string DrivenBy = "Wall.DrivenBy";
    public const string DriveWall = "Wall.Drive";

    /// <summary>Prefixes of the incident status and source names (<c>Status.Closed</c>, <c>Source.Iot</c>).</summary>
    public const string StatusPrefix = "Status.";
    public const string SourcePrefix = "Source.";

    internal static IReadOnlyDictionary<string, (string Chinese, string English)> Entries { get; } =
        new Dictionary<string, (string, string)>
        {
            [AppTitle] = ("城市大脑指挥中心", "City Brain Command Center"),
            [NavMap] = ("网格地图", "Grid map"),
            [Language] = ("语言", "Language"),
            [HomeTitle] = ("辖区网格地图", "District grid map"),
            [Streets] = ("镇街", "Streets and towns"),
            [Communities] = ("村居", "Communities"),
            [Grids] = ("网格", "Grids"),
            [Legend] = ("图例", "Legend"),
            [LegendDistrict] = ("区界", "District boundary"),
            [LegendStreet] = ("镇街界", "Street boundary"),
            [LegendCommunity] = ("村居界", "Community boundary"),
            [LegendGrid] = ("网格", "Grid"),
            [GridDetails] = ("网格详情", "Grid details"),
            [GridHint] = ("点击地图上的网格查看详情", "Click a grid on the map to see its details"),
            [MapLabel] = ("辖区网格地图", "Map of the district's grids"),
            [LiveOffline] = ("离线", "Offline"),
            [NotFound] = ("页面不存在", "Page not found"),
            [Error] = ("服务器出错，请稍后重试", "Something went wrong on the server; please try again"),
            [WallTitle] = ("城市运行指挥大屏", "City operations wall"),
            [WallDenied] = ("此屏幕没有显示令牌", "This screen has no display token"),
            [WallFreshness] = ("数据截至", "Data as of"),
            [KpiFound] = ("今日发现", "Found today"),
            [KpiOnTheSpot] = ("现场处置", "Fixed on the spot"),
            [KpiDispatched] = ("今日派遣", "Dispatched today"),
            [KpiClosed] = ("今日结案", "Closed today"),
            [KpiOverdue] = ("超期未办", "Overdue"),
            [KpiClosureRate] = ("结案率", "Closure rate"),
            [KpiMedian] = ("结案用时中位数", "Median time to close"),
            [KpiSensors] = ("传感器告警", "Sensors in alarm"),
            [KpiCameras] = ("摄像头在线", "Cameras online"),
            [ChartPerHour] = ("近24小时事件数", "Incidents per hour, last 24 h"),
            [ChartCategory] = ("今日事件大类", "Today by category"),
            [ChartStreet] = ("今日各镇街事件", "Today by street"),
            [ChartSla] = ("部门按时办结率", "Department SLA compliance"),
            [Ticker] = ("最新事件", "Newest incidents"),
            [SensorAlarms] = ("传感器告警", "Sensor alarms"),
            [DispatchBoard] = ("派遣看板", "Dispatch board"),
            [BoardDepartment] = ("部门", "Department"),
            [BoardWaiting] = ("待签收", "Waiting"),
            [BoardInProgress] = ("办理中", "In progress"),
            [BoardOverdue] = ("超期", "Overdue"),
            [NoAlarms] = ("无告警", "No alarms"),
            [Minutes] = ("分钟", "min"),
            [Critical] = ("紧急事件", "Critical incident"),
            [Truncated] = ("地图仅显示最新 {0} 件", "The map shows the newest {0} only"),
            [NoData] = ("暂无数据", "No data yet"),
            [NoSla] = ("今日暂无派遣计时", "No dispatch clocks today"),
            [NoDispatch] = ("暂无派遣在办案件", "No cases with departments"),
            [Replay] = ("回放 · REPLAY", "REPLAY"),
            [ReplayAt] = ("回放时刻", "Replaying"),
            [BackToLive] = ("返回实时", "Back to live"),
            [LiveNow] = ("实时", "Live"),
            [ReplayPlay] = ("播放", "Play"),
            [MetricOpen] = ("在办案件", "Open cases"),
            [MetricOverdue] = ("超期率", "Overdue rate"),
            [MetricRecurrence] = ("30天复发", "Recurring, 30 days"),
            [LevelGrid] = ("网格", "grid"),
            [LevelCommunity] = ("村居", "community"),
            [LevelStreet] = ("镇街", "street"),
            [Workers] = ("在岗网格员", "Grid workers on duty"),
            [CamerasOnline] = ("摄像头在线", "Camera online"),
            [CamerasOffline] = ("摄像头离线", "Camera offline"),
            [DrivenBy] = ("{0} 推送", "Sent by {0}"),
            [DriveWall] = ("推送到大屏", "Send to the wall"),
            ["Status.Reported"] = ("上报", "Reported"),
            ["Status.SelfHandled"] = ("现场处置", "SelfHandled"),
            ["Status.Registered"] = ("立案", "Registered"),
            ["Status.Dispatched"] = ("派遣", "Dispatched"),
            ["Status.Accepted"] = ("签收", "Accepted"),
            ["Status.Handled"] = ("处置", "Handled"),
            ["Status.Verified"] = ("核查", "Verified"),
            ["Status.Closed"] = ("结案", "Closed"),
            ["Status.Returned"] = ("退回", "Returned"),
            ["Status.Escalated"] = ("上报上级", "Escalated"),
            ["Status.Merged"] = ("并单", "Merged"),
            ["Status.Rejected"] = ("注销", "Rejected"),
            ["Source.Open311"] = ("市民上报", "Open311"),
            ["Source.Hotline12345"] = ("12345热线", "Hotline12345"),
            ["Source.Cap"] = ("预警信息", "Cap"),
            ["Source.Iot"] = ("物联感知", "Iot"),
            ["Source.Isapi"] = ("视频告警", "Isapi"),
            ["Source.Camera"] = ("AI识别", "Camera"),
            ["Source.Grid"] = ("网格巡查", "Grid"),
        };
}

/// <summary>Looks <see cref="UiText"/> keys up in the current UI culture (zh-CN unless English was chosen).</summary>
public sealed class UiTextLocalizer() : BilingualLocalizer<UiText>(UiText.Entries);
