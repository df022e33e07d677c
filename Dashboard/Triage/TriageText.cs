using System.Globalization;
using Dashboard.Core.Catalog;
using Dashboard.Core.Triage;
using Dashboard.Localization;
using Microsoft.Extensions.Localization;

namespace Dashboard.Triage;

/// <summary>The triage pages' strings, Chinese first and English side by side (like <see cref="UiText"/>).</summary>
public sealed class TriageText
{
    internal static IReadOnlyDictionary<string, (string Chinese, string English)> Entries { get; } =
        new Dictionary<string, (string, string)>
        {
            ["Nav.Rooms"] = ("联合研判", "Joint triage"),
            ["Rooms.Title"] = ("联合研判室", "Joint-triage rooms"),
            ["Rooms.Empty"] = ("没有您可进入的研判室", "No room you may enter"),
            ["Rooms.ShowClosed"] = ("含已结束", "Include closed"),
            ["Rooms.Open"] = ("进入", "Enter"),
            ["Col.Room"] = ("研判室", "Room"),
            ["Col.Case"] = ("案件", "Case"),
            ["Col.Chair"] = ("主持", "Chair"),
            ["Col.Opened"] = ("发起时间", "Opened"),
            ["Col.Status"] = ("状态", "Status"),
            ["Col.Invited"] = ("邀请单位", "Invited"),
            ["Status.Open"] = ("研判中", "In triage"),
            ["Status.Decided"] = ("已裁定", "Decided"),
            ["Status.Cancelled"] = ("已撤销", "Cancelled"),
            ["Tier.Grid"] = ("网格", "Grid"),
            ["Tier.Community"] = ("村居", "Community"),
            ["Tier.Street"] = ("镇街", "Street"),
            ["Tier.District"] = ("区级", "District"),
            ["Flag.NearStreetBoundary"] = ("镇街交界", "Street boundary"),
            ["Flag.NearCommunityBoundary"] = ("村居交界", "Community boundary"),
            ["Flag.InsideEnclave"] = ("插花地带", "Enclave"),
            ["Flag.SeveralDepartments"] = ("多部门事项", "Several departments"),
            ["Flag.ReturnedTwice"] = ("两次退回", "Returned twice"),
            ["Flag.EscalatedToTriage"] = ("上报研判", "Escalated to triage"),
            ["Flag.DirectorRequest"] = ("领导提请", "Director's request"),
            ["Flag.Why.NearStreetBoundary"] = ("距镇街边界 {0} 米：{1}", "{0} m from the street boundary: {1}"),
            ["Flag.Why.NearCommunityBoundary"] = ("距村居边界 {0} 米：{1}", "{0} m from the community boundary: {1}"),
            ["Flag.Why.InsideEnclave"] = ("位于插花地带 {0}，{1} 均主张管辖", "Inside enclave {0}, claimed by {1}"),
            ["Flag.Why.SeveralDepartments"] = ("事项清单列明多个责任部门：{0}", "The catalog lists several owners: {0}"),
            ["Flag.Why.ReturnedTwice"] = ("已被部门退回两次", "Returned twice by departments"),
            ["Flag.Why.EscalatedToTriage"] = ("已上报至联合研判", "Escalated into joint triage"),
            ["Flag.Why.DirectorRequest"] = ("{0} 提请联合研判", "{0} asked for joint triage"),
            ["Why.Precedent"] = ("{0} 研判室 {1} 裁定（案件 {2}）：{3}", "Ruled on {0} in room {1} (case {2}): {3}"),
            ["Why.Catalog"] = ("事项清单列明的责任部门（{0}）", "An owner the catalog names ({0})"),
            ["Why.Boundary"] = ("{0}，距边界 {1} 米", "{0}, {1} m from the boundary"),
            ["Why.Enclave"] = ("主张对插花地带 {0} 的管辖", "Claims enclave {0}"),
            ["Rule.Precedent"] = ("先例", "Precedent"),
            ["Rule.Catalog"] = ("事项清单", "Catalog"),
            ["Rule.StreetBoundary"] = ("镇街交界", "Street boundary"),
            ["Rule.CommunityBoundary"] = ("村居交界", "Community boundary"),
            ["Rule.Enclave"] = ("插花地带", "Enclave"),
            ["Incident.Triage"] = ("联合研判", "Joint triage"),
            ["Incident.OpenRoom"] = ("发起联合研判", "Open a triage room"),
            ["Incident.EnterRoom"] = ("进入研判室", "Enter the triage room"),
            ["Incident.Request"] = ("提请联合研判", "Ask for joint triage"),
            ["Incident.Decided"] = ("已由研判室裁定", "Settled in a triage room"),
            ["Incident.Invite"] = ("邀请部门", "Invite departments"),
            ["Room.Title"] = ("联合研判室", "Joint-triage room"),
            ["Room.Case"] = ("案件", "Case"),
            ["Room.Chair"] = ("主持", "Chair"),
            ["Room.RulingTier"] = ("裁定层级", "Ruled by"),
            ["Room.Present"] = ("在线", "Present"),
            ["Room.Presenter"] = ("主讲", "Presenting"),
            ["Room.TakePresenter"] = ("我来主讲", "Take the presenter role"),
            ["Room.Following"] = ("跟随主讲视图", "Following the presenter"),
            ["Room.Flags"] = ("研判原因", "Why triage"),
            ["Room.Candidates"] = ("候选责任主体", "Candidate owners"),
            ["Room.Steps"] = ("研判记录", "Record"),
            ["Room.Video"] = ("视频会商", "Video conference"),
            ["Room.NoVideo"] = ("尚未设置视频会商链接", "No video conference link yet"),
            ["Room.Invited"] = ("已邀请", "Invited"),
            ["Room.Decision"] = ("裁定结果", "Decision"),
            ["Room.Closed"] = ("研判已结束", "This room is closed"),
            ["Room.Denied"] = ("您未受邀进入该研判室", "You are not invited to this room"),
            ["Room.GuestLinks"] = ("访客链接", "Guest links"),
            ["Room.GuestLinkNew"] = ("新访客链接（仅显示一次）", "New guest link (shown once)"),
            ["Room.Expires"] = ("有效期至", "Valid until"),
            ["Room.Map"] = ("研判地图", "Triage map"),
            ["Room.Layers"] = ("图层", "Layers"),
            ["Room.Due"] = ("办结时限", "Deadline"),
            ["Room.Owner"] = ("责任单位", "Owner"),
            ["Room.Wall"] = ("大屏", "Wall"),
            ["Room.You"] = ("您的身份", "You are"),
            ["Role.Operator"] = ("区指挥中心", "District operator"),
            ["Role.Chair"] = ("主持人", "Chair"),
            ["Role.Participant"] = ("受邀单位", "Invited participant"),
            ["Role.Guest"] = ("访客", "Guest"),
            ["Role.Wall"] = ("大屏", "Wall display"),
            ["Role.None"] = ("未受邀", "Not invited"),
            ["Step.Opened"] = ("发起研判", "Opened"),
            ["Step.Invited"] = ("邀请", "Invite"),
            ["Step.Proposed"] = ("提议", "Propose"),
            ["Step.Agreed"] = ("同意", "Agree"),
            ["Step.Claimed"] = ("认领", "Claim"),
            ["Step.Declined"] = ("不予认领", "Decline"),
            ["Step.Escalated"] = ("提请上级裁定", "Escalate"),
            ["Step.Noted"] = ("记录", "Note"),
            ["Step.VideoLinkSet"] = ("设置视频链接", "Set video link"),
            ["Step.GuestLinkIssued"] = ("生成访客链接", "Issue guest link"),
            ["Step.Decided"] = ("裁定并派遣", "Decide and dispatch"),
            ["Step.Cancelled"] = ("撤销研判", "Cancel the room"),
            ["Field.Reason"] = ("理由/意见", "Reason"),
            ["Field.Evidence"] = ("佐证链接", "Evidence link"),
            ["Field.Department"] = ("部门", "Department"),
            ["Field.Tier"] = ("层级", "Tier"),
            ["Field.Proposal"] = ("提议", "Proposal"),
            ["Field.Url"] = ("会议链接", "Meeting link"),
            ["Field.Label"] = ("外部单位名称", "Outside unit"),
            ["Field.Due"] = ("办结时限", "Deadline"),
            ["Field.Invitee"] = ("单位", "Unit"),
            ["Kind.Department"] = ("部门", "Department"),
            ["Kind.Street"] = ("镇街", "Street"),
            ["Kind.Community"] = ("村居", "Community"),
            ["Done"] = ("已完成：{0}", "Done: {0}"),
        };
}

/// <summary>Looks <see cref="TriageText"/> keys up in the current UI culture.</summary>
public sealed class TriageTextLocalizer() : BilingualLocalizer<TriageText>(TriageText.Entries);

public static class TriageTextExtensions
{
    public static string Tier(this IStringLocalizer<TriageText> text, HandlingTier tier) => text["Tier." + tier];

    public static string Step(this IStringLocalizer<TriageText> text, RoomStepKind step) => text["Step." + step];

    /// <summary>A candidate's reason in the current culture, from its facts rather than its English sentence.</summary>
    public static string Why(this IStringLocalizer<TriageText> text, CandidateReason reason, Func<string, string> nameOf) => reason.Rule switch
    {
        CandidateRule.Precedent when reason.Precedent is { } p =>
            text["Why.Precedent", ChinaTime.Format(p.RuledUtc)[..10], p.RoomId, p.IncidentNumber, p.Reason],
        CandidateRule.Catalog => text["Why.Catalog", reason.Subject ?? "?"],
        CandidateRule.StreetBoundary or CandidateRule.CommunityBoundary =>
            text["Why.Boundary", nameOf(reason.Subject ?? "?"), reason.DistanceMetres?.ToString("0", CultureInfo.InvariantCulture) ?? "?"],
        CandidateRule.Enclave => text["Why.Enclave", reason.Subject ?? "?"],
        _ => reason.Reason,
    };

    /// <summary>A flag's reason in the current culture, naming the units it is about.</summary>
    public static string Why(this IStringLocalizer<TriageText> text, TriageFlag flag, Func<string, string> nameOf) => flag.Kind switch
    {
        TriageFlagKind.NearStreetBoundary or TriageFlagKind.NearCommunityBoundary =>
            text["Flag.Why." + flag.Kind, flag.DistanceMetres?.ToString("0", CultureInfo.InvariantCulture) ?? "?", string.Join(" / ", flag.Subjects.Select(nameOf))],
        TriageFlagKind.InsideEnclave => text["Flag.Why.InsideEnclave", flag.Subjects[0], string.Join(" / ", flag.Subjects.Skip(1).Select(nameOf))],
        TriageFlagKind.SeveralDepartments => text["Flag.Why.SeveralDepartments", string.Join("、", flag.Subjects.Select(nameOf))],
        TriageFlagKind.DirectorRequest => text["Flag.Why.DirectorRequest", string.Join("", flag.Subjects)],
        _ => text["Flag.Why." + flag.Kind],
    };
}
