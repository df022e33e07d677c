namespace Dashboard.Core.Incidents;

/// <summary>
/// What a citizen is told about their request (Open311 <c>status</c> and <c>status_notes</c>): open or closed, and one
/// plain sentence for where the case is, Chinese first with English after a slash. Internal detail (who refused what,
/// audit reasons) never leaks into it.
/// </summary>
public static class CitizenStatus
{
    public static bool IsClosed(Incident incident) => incident.Status is IncidentStatus.Closed or IncidentStatus.Merged or IncidentStatus.Rejected;

    /// <param name="incident">The case the request opened or joined.</param>
    /// <param name="departmentName">The department's display name for its code (the code itself when unknown).</param>
    public static string Notes(Incident incident, Func<string, string> departmentName)
    {
        var department = incident.AssignedDepartmentCode is { } code ? departmentName(code) : "承办部门";
        var departmentEn = incident.AssignedDepartmentCode is { } c ? departmentName(c) : "the department";
        return incident.Status switch
        {
            IncidentStatus.Reported => "已受理，正在核实 / Received; being checked",
            IncidentStatus.SelfHandled => "已由网格员现场处置，待结案 / Fixed on the spot; about to close",
            IncidentStatus.Registered when incident.ReopenCount > 0 => "根据您的回访意见已重新立案，正在重新派遣 / Reopened after your feedback; being dispatched again",
            IncidentStatus.Registered => "已立案，正在派遣 / Registered; being dispatched",
            IncidentStatus.Dispatched => $"已派遣至{department}，待签收 / Dispatched to {departmentEn}",
            IncidentStatus.Accepted when incident.IsPaused => $"{department}办理中，因客观原因暂停计时 / {departmentEn} is on it; paused while waiting on conditions",
            IncidentStatus.Accepted => $"{department}正在处理 / {departmentEn} is working on it",
            IncidentStatus.Handled => $"{department}已处置，待现场核查 / Handled by {departmentEn}; awaiting an on-site check",
            IncidentStatus.Verified => "现场核查已完成，将回访您后结案 / Checked on site; we will call you back before closing",
            IncidentStatus.Closed when incident.LastCallback is { Satisfied: true } => "已办结，感谢您的反馈 / Closed after your confirmation; thank you",
            IncidentStatus.Closed => "已办结 / Closed",
            IncidentStatus.Returned => "正在重新确定承办部门 / Finding the right department",
            IncidentStatus.Escalated => "已提交上级协调处理 / Escalated for coordination",
            IncidentStatus.Merged => $"与同一问题的案件 {incident.MergedIntoNumber} 合并办理 / Handled together with {incident.MergedIntoNumber}, the same problem",
            IncidentStatus.Rejected => "经核实不属于受理范围 / Not accepted as a case after checking",
            _ => incident.Status.ToString(),
        };
    }
}
