using System.Globalization;
using Dashboard.Core.Incidents;
using Dashboard.Localization;
using Microsoft.Extensions.Localization;

namespace Dashboard.Director;

/// <summary>
/// The workspace's strings (queue, detail, actions, sign-in), Chinese and English side by side like
/// <see cref="UiText"/>; kept apart so the workspace and the shell can grow without editing one shared table.
/// </summary>
public sealed class WorkspaceText
{
    internal static IReadOnlyDictionary<string, (string Chinese, string English)> Entries { get; } =
        new Dictionary<string, (string, string)>
        {
            ["Nav.Queue"] = ("我的待办", "My queue"),
            ["Queue.Title"] = ("我的待办", "My queue"),
            ["Queue.Empty"] = ("没有需要您处理的案件", "Nothing in your scope needs you now"),
            ["Queue.Count"] = ("{0} 件", "{0} cases"),
            ["Queue.Search"] = ("编号、内容或地址", "Number, text or address"),
            ["Queue.Filter"] = ("筛选", "Filter"),
            ["Queue.Clear"] = ("清除", "Clear"),
            ["Queue.All"] = ("含全部案件", "All cases in scope"),
            ["Queue.Export"] = ("导出 CSV", "Export CSV"),
            ["Queue.Report"] = ("日报", "Daily report"),
            ["Queue.NewArrivals"] = ("有新案件，点击刷新", "New cases arrived, click to refresh"),
            ["Queue.Notify"] = ("新案件提醒", "New-case alerts"),
            ["Col.Sla"] = ("时限", "SLA"),
            ["Col.Number"] = ("案件编号", "Number"),
            ["Col.Title"] = ("内容", "What"),
            ["Col.Place"] = ("位置", "Where"),
            ["Col.Status"] = ("状态", "Status"),
            ["Col.Reported"] = ("上报时间", "Reported"),
            ["Col.Due"] = ("剩余时间", "Time left"),
            ["Col.Actions"] = ("可办理", "You can"),
            ["Filter.Status"] = ("状态", "Status"),
            ["Filter.Category"] = ("类别编码", "Category code"),
            ["Filter.Source"] = ("来源", "Source"),
            ["Filter.Grid"] = ("网格", "Grid"),
            ["Filter.From"] = ("从", "From"),
            ["Filter.To"] = ("至", "To"),
            ["Filter.Any"] = ("全部", "Any"),
            ["Detail.Timeline"] = ("办理过程", "Timeline"),
            ["Detail.Actions"] = ("可执行操作", "Actions allowed to you now"),
            ["Detail.NoActions"] = ("当前没有您可执行的操作", "Nothing you can do to this case now"),
            ["Detail.Reports"] = ("合并的上报", "Merged reports"),
            ["Detail.Clocks"] = ("时限", "SLA clocks"),
            ["Detail.Nearby"] = ("附近设备", "Nearby cameras and sensors"),
            ["Detail.Place"] = ("位置", "Place"),
            ["Detail.Item"] = ("事项", "Item"),
            ["Detail.Department"] = ("承办部门", "Department"),
            ["Detail.Severity"] = ("等级", "Severity"),
            ["Detail.Back"] = ("返回待办", "Back to my queue"),
            ["Detail.Done"] = ("已办理：{0}", "Done: {0}"),
            ["Detail.Reason"] = ("意见/原因", "Reason or feedback"),
            ["Detail.DepartmentAuto"] = ("按规则派遣", "By the dispatch rules"),
            ["Detail.MergeInto"] = ("主案件编号", "Master case number"),
            ["Detail.ExtraHours"] = ("延长小时数", "Extra hours"),
            ["Detail.Snapshot"] = ("抓拍", "Snapshot"),
            ["Detail.Due"] = ("到期", "Due"),
            ["Detail.Pending"] = ("延期申请待审批", "Extension request waiting"),
            ["Account.SignIn"] = ("登录", "Sign in"),
            ["Account.SignOut"] = ("退出", "Sign out"),
            ["Account.UserName"] = ("用户名", "User name"),
            ["Account.Password"] = ("密码", "Password"),
            ["Account.Invalid"] = ("用户名或密码错误", "Wrong user name or password"),
            ["Account.Locked"] = ("登录失败次数过多，账户已暂时锁定", "Too many failed sign-ins; the account is locked for a while"),
            ["Account.Missing"] = ("请输入用户名和密码", "Enter your user name and password"),
            ["Account.SignedOut"] = ("您已退出", "You have signed out"),
            ["Account.Denied"] = ("您没有权限访问该页面", "You are not allowed to open that page"),
            ["Role.districtOperator"] = ("区指挥中心", "District operator"),
            ["Role.streetDirector"] = ("镇街主任", "Street director"),
            ["Role.communityWorker"] = ("网格员", "Community worker"),
            ["Role.departmentLiaison"] = ("部门联络员", "Department liaison"),
            ["Role.administrator"] = ("管理员", "Administrator"),
            ["Action.Register"] = ("立案", "Register"),
            ["Action.SelfHandle"] = ("现场处置", "Handle on the spot"),
            ["Action.Dispatch"] = ("派遣", "Dispatch"),
            ["Action.Accept"] = ("签收", "Accept"),
            ["Action.Return"] = ("退回", "Return"),
            ["Action.Handle"] = ("处置反馈", "Report handled"),
            ["Action.Verify"] = ("核查通过", "Verify"),
            ["Action.FailVerification"] = ("核查不通过", "Fail verification"),
            ["Action.Close"] = ("结案", "Close"),
            ["Action.Reopen"] = ("重新立案", "Reopen"),
            ["Action.Escalate"] = ("上报上级", "Escalate"),
            ["Action.Merge"] = ("并单", "Merge into"),
            ["Action.Reject"] = ("注销", "Reject"),
            ["Action.RequestExtension"] = ("申请延期", "Request extension"),
            ["Action.ApproveExtension"] = ("批准延期", "Approve extension"),
            ["Action.DenyExtension"] = ("驳回延期", "Deny extension"),
            ["Action.Triage"] = ("联合研判", "Joint triage"),
            ["Action.Report"] = ("上报", "Reported"),
            ["Action.AttachReport"] = ("合并上报", "Report attached"),
            ["Action.AbsorbDuplicate"] = ("并入重复案件", "Duplicate merged in"),
            ["Action.Pause"] = ("挂起", "Paused"),
            ["Action.Resume"] = ("恢复", "Resumed"),
            ["Action.Extend"] = ("延期", "Extended"),
            ["Status.Reported"] = ("待立案", "Reported"),
            ["Status.SelfHandled"] = ("已现场处置", "Handled on the spot"),
            ["Status.Registered"] = ("待派遣", "Registered"),
            ["Status.Dispatched"] = ("待签收", "Dispatched"),
            ["Status.Accepted"] = ("处置中", "Accepted"),
            ["Status.Handled"] = ("待核查", "Handled"),
            ["Status.Verified"] = ("待结案", "Verified"),
            ["Status.Closed"] = ("已结案", "Closed"),
            ["Status.Returned"] = ("已退回", "Returned"),
            ["Status.Escalated"] = ("已上报", "Escalated"),
            ["Status.Merged"] = ("已并单", "Merged"),
            ["Status.Rejected"] = ("已注销", "Rejected"),
            ["Sla.Red"] = ("超时", "Overdue"),
            ["Sla.Yellow"] = ("临期", "Due soon"),
            ["Sla.Green"] = ("正常", "On time"),
            ["Sla.None"] = ("—", "—"),
            ["Sla.Paused"] = ("挂起", "Paused"),
            ["Detail.Stage"] = ("环节", "Stage"),
            ["Stage.Dispatch"] = ("派遣", "Dispatch"),
            ["Stage.Accept"] = ("签收", "Accept"),
            ["Stage.Handle"] = ("处置", "Handle"),
            ["Stage.Verify"] = ("核查", "Verify"),
            ["Stage.Close"] = ("结案", "Close"),
            ["Unit.Minutes"] = ("{0} 分钟", "{0} min"),
            ["Unit.NaturalHours"] = ("{0} 小时", "{0} h"),
            ["Unit.NaturalDays"] = ("{0} 天", "{0} days"),
            ["Unit.WorkingHours"] = ("{0} 工作时", "{0} working hours"),
            ["Unit.WorkingDays"] = ("{0} 工作日", "{0} working days"),
            ["Source.Open311"] = ("Open311 市民上报", "Open311 citizen report"),
            ["Source.Hotline12345"] = ("12345 热线", "12345 hotline"),
            ["Source.Cap"] = ("预警信息 (CAP)", "CAP alert"),
            ["Source.Iot"] = ("物联感知", "IoT sensor"),
            ["Source.Isapi"] = ("视频报警 (ISAPI)", "Camera alarm (ISAPI)"),
            ["Source.Camera"] = ("视频智能分析", "Video analytics"),
            ["Source.Grid"] = ("网格员巡查", "Grid worker"),
            ["Sensor.ManholeCover"] = ("智能井盖", "Manhole cover"),
            ["Sensor.Hydrant"] = ("消火栓", "Hydrant"),
            ["Sensor.Elevator"] = ("电梯", "Elevator"),
            ["Sensor.WaterLevel"] = ("内涝水位", "Water level"),
            ["Sensor.Smoke"] = ("烟感", "Smoke detector"),
            ["Sensor.ElderlyCall"] = ("一键呼叫", "One-key call"),
        };
}

/// <summary>Looks <see cref="WorkspaceText"/> keys up in the current UI culture.</summary>
public sealed class WorkspaceTextLocalizer : IStringLocalizer<WorkspaceText>
{
    public LocalizedString this[string name] =>
        WorkspaceText.Entries.TryGetValue(name, out var entry)
            ? new LocalizedString(name, UiCultures.IsEnglish(CultureInfo.CurrentUICulture) ? entry.English : entry.Chinese)
            : new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => WorkspaceText.Entries.Keys.Select(key => this[key]);
}

public static class WorkspaceTextExtensions
{
    public static string Action(this IStringLocalizer<WorkspaceText> text, IncidentAction action) => text["Action." + action];

    public static string Status(this IStringLocalizer<WorkspaceText> text, IncidentStatus status) => text["Status." + status];
}
