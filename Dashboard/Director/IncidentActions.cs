using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.People;
using Dashboard.Localization;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Localization.UiCultures;

namespace Dashboard.Director;

/// <summary>What a person asks to do to a case, from a form or the JSON API. Each action reads only the fields it needs.</summary>
/// <param name="Satisfied">回访: whether the citizen was satisfied.</param>
/// <param name="Deadline">派遣: the handling deadline the dispatcher chose (China time or an ISO instant with offset).</param>
/// <param name="Departments">吹哨: the departments summoned.</param>
/// <param name="Minutes">吹哨: how long each summoned department has to report in.</param>
/// <param name="Photos">处置反馈: before/after photos sent with the report.</param>
/// <param name="Tier">A dispatch at this tier instead of the rules' (a joint-triage ruling).</param>
/// <param name="DueUtc">A dispatch whose handle clock runs to this deadline instead of the catalog's limit (a ruling).</param>
public sealed record ActionRequest(
    IncidentAction Action, string? Reason = null, string? Department = null, string? MergeInto = null, string? Stage = null, int? ExtraHours = null,
    bool? Satisfied = null, string? Deadline = null, IReadOnlyList<string>? Departments = null, int? Minutes = null,
    IReadOnlyList<PhotoUpload>? Photos = null, HandlingTier? Tier = null, DateTimeOffset? DueUtc = null);

public enum ActionOutcomeKind
{
    Done,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}

public sealed record ActionOutcome(ActionOutcomeKind Kind, string Message, IncidentStatus? Status = null)
{
    public bool IsDone => Kind == ActionOutcomeKind.Done;
}

/// <summary>
/// Runs a workspace action: authorizes it against the user's scope, role and the case's state, drives
/// <see cref="IncidentWorkflow"/> (which writes the timeline; the store writes the change log in the same commit),
/// and audits every refusal. One unit of work per action.
/// </summary>
public sealed class IncidentActions(
    IDbContextFactory<CityDbContext> contexts,
    IncidentWorkflow workflow,
    InspectionCatalog catalog,
    RefusalAudit audit,
    TimeProvider time)
{
    public async Task<ActionOutcome> ExecuteAsync(WorkspaceUser? user, string number, ActionRequest request, string route, CancellationToken cancellationToken)
    {
        var resource = "incident:" + number;
        if (user is null)
        {
            await audit.RecordAsync(null, request.Action.ToString(), resource, route, "not signed in", cancellationToken);
            return new(ActionOutcomeKind.Forbidden, "Sign in first.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await Load(db, number, cancellationToken);
        if (incident is null)
        {
            await audit.RecordAsync(user, request.Action.ToString(), resource, route, "no such incident", cancellationToken);
            return new(ActionOutcomeKind.NotFound, $"No incident {number} in your scope.");
        }

        var outcome = await ExecuteWithinAsync(db, incident, user, request, route, cancellationToken);
        if (outcome.IsDone)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Authorizes and applies an action to a case already loaded in <paramref name="db"/> without saving, so a caller
    /// (a triage room's decision) can commit the action together with its own changes. Refusals are audited.
    /// </summary>
    public async Task<ActionOutcome> ExecuteWithinAsync(CityDbContext db, Incident incident, WorkspaceUser user, ActionRequest request, string route, CancellationToken cancellationToken)
    {
        var resource = "incident:" + incident.Number;
        var decision = IncidentAuthorizer.Decide(user, incident, request.Action);
        if (!decision.IsAllowed)
        {
            await audit.RecordAsync(user, request.Action.ToString(), resource, route, decision.Message, cancellationToken);
            return decision.Verdict switch
            {
                IncidentVerdict.NotVisible => new(ActionOutcomeKind.NotFound, $"No incident {incident.Number} in your scope."),
                IncidentVerdict.StateForbids => new(ActionOutcomeKind.Conflict, decision.Message, incident.Status),
                _ => new(ActionOutcomeKind.Forbidden, decision.Message, incident.Status),
            };
        }

        try
        {
            var photos = EvidenceUploads.Check(request.Photos ?? [], requireAfter: request.Action == IncidentAction.Handle);
            await ApplyAsync(db, incident, user, request, photos, cancellationToken);
            var at = time.GetUtcNow();
            foreach (var photo in photos)
            {
                db.Add(new EvidencePhoto(incident.Id, incident.Number, photo.Stage, photo.ContentType, photo.FileName, photo.Content, photo.Sha256, user.ToActor(), at));
            }

            return new(ActionOutcomeKind.Done, $"{incident.Number}: {request.Action} done.", incident.Status);
        }
        catch (IncidentTransitionException e)
        {
            await audit.RecordAsync(user, request.Action.ToString(), resource, route, e.Message, cancellationToken);
            return new(ActionOutcomeKind.Conflict, e.Message, incident.Status);
        }
        catch (ArgumentException e)
        {
            var message = e.Message.Split(" (Parameter", 2)[0];
            await audit.RecordAsync(user, request.Action.ToString(), resource, route, "invalid: " + message, cancellationToken);
            return new(ActionOutcomeKind.Invalid, message, incident.Status);
        }
        catch (CatalogException e)
        {
            return new(ActionOutcomeKind.Invalid, e.Message, incident.Status);
        }
    }

    internal static Task<Incident?> Load(CityDbContext db, string number, CancellationToken cancellationToken) =>
        db.Set<Incident>()
            .Include(i => i.Reports).Include(i => i.Timeline).Include(i => i.Clocks).Include(i => i.Summons)
            .AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Number == number, cancellationToken);

    private async Task ApplyAsync(CityDbContext db, Incident incident, WorkspaceUser user, ActionRequest request, IReadOnlyList<CheckedPhoto> photos, CancellationToken cancellationToken)
    {
        var actor = user.ToActor();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        switch (request.Action)
        {
            case IncidentAction.Register:
                workflow.Register(incident, actor, reason);
                break;
            case IncidentAction.SelfHandle:
                incident.SelfHandle(actor, time.GetUtcNow(), reason);
                break;
            case IncidentAction.Dispatch:
                var department = string.IsNullOrWhiteSpace(request.Department) ? null : request.Department.Trim();
                if (department is not null && (!catalog.TryGetDepartment(department, out var found) || !found!.CanHandleCases))
                {
                    throw new ArgumentException($"department: '{department}' is not a case-handling department in the catalog.");
                }

                if (request.Tier is { } ruledTier)
                {
                    workflow.DispatchAsRuled(incident, actor,
                        department ?? throw new ArgumentException("department: a ruled dispatch names its department."), ruledTier, request.DueUtc,
                        reason ?? throw new ArgumentException("reason: a ruled dispatch says why."));
                }
                else
                {
                    workflow.Dispatch(incident, actor, department, reason, ParseDeadline(request.Deadline));
                }

                break;
            case IncidentAction.Accept:
                workflow.Accept(incident, actor, reason);
                break;
            case IncidentAction.Return:
                workflow.Return(incident, actor, reason!);
                break;
            case IncidentAction.Handle:
                workflow.Handle(incident, actor, reason, photos.Count == 0 ? null : string.Join(",", photos.Select(p => $"{p.Stage}:{p.FileName}")));
                break;
            case IncidentAction.Verify:
                workflow.Verify(incident, actor, reason);
                break;
            case IncidentAction.FailVerification:
                workflow.FailVerification(incident, actor, reason!);
                break;
            case IncidentAction.Close:
                workflow.Close(incident, actor, reason);
                break;
            case IncidentAction.Reopen:
                workflow.Reopen(incident, actor, reason!);
                break;
            case IncidentAction.Escalate:
                workflow.Escalate(incident, actor, reason!);
                break;
            case IncidentAction.Reject:
                incident.Reject(actor, time.GetUtcNow(), reason!);
                break;
            case IncidentAction.Merge:
                await MergeAsync(db, incident, user, request, reason, cancellationToken);
                break;
            case IncidentAction.RequestExtension:
                var stage = Enum.TryParse<SlaStage>(request.Stage, ignoreCase: true, out var parsed) ? parsed : SlaStage.Handle;
                var hours = request.ExtraHours is > 0 and <= 24 * 30
                    ? request.ExtraHours.Value
                    : throw new ArgumentException("extraHours: ask for 1 to 720 more hours.");
                // The extra time is counted the way the stage's clock counts (working or natural hours), or the clock refuses it.
                var extra = incident.ClockFor(stage)?.Limit.IsCountedInWorkingTime == true ? SlaSpec.WorkingHours(hours) : SlaSpec.NaturalHours(hours);
                incident.RequestExtension(actor, time.GetUtcNow(), stage, extra, reason!);
                break;
            case IncidentAction.ApproveExtension:
                incident.ApproveExtension(actor, time.GetUtcNow(), workflow.Calendar, reason);
                break;
            case IncidentAction.DenyExtension:
                incident.DenyExtension(actor, time.GetUtcNow(), reason!);
                break;
            case IncidentAction.RecordCallback:
                var satisfied = request.Satisfied
                    ?? throw new ArgumentException(Say("satisfied: 请选择市民是否满意。", "satisfied: say whether the citizen was satisfied."));
                workflow.RecordCallback(incident, actor, satisfied, reason ?? throw new ArgumentException(Say("reason: 请填写回访记录。", "reason: write down what the citizen said.")));
                break;
            case IncidentAction.SendBack:
                workflow.SendBack(incident, actor, reason!);
                break;
            case IncidentAction.RequestPause:
                incident.RequestPause(actor, time.GetUtcNow(), reason!);
                break;
            case IncidentAction.ApprovePause:
                incident.ApprovePause(actor, time.GetUtcNow(), reason);
                break;
            case IncidentAction.DenyPause:
                incident.DenyPause(actor, time.GetUtcNow(), reason!);
                break;
            case IncidentAction.Resume:
                incident.Resume(actor, time.GetUtcNow(), workflow.Calendar, reason);
                break;
            case IncidentAction.BlowWhistle:
                BlowWhistle(incident, actor, request, reason);
                break;
            case IncidentAction.ReportIn:
                incident.ReportIn(actor, time.GetUtcNow(), user.ScopeCode, reason);
                break;
            default:
                throw new ArgumentException($"action: {request.Action} is not a workspace action.");
        }
    }

    /// <summary>Default and bounds of the report-in countdown (吹哨报到 is about minutes, not days).</summary>
    public const int DefaultReportInMinutes = 30;

    public const int MaxReportInMinutes = 24 * 60;

    private void BlowWhistle(Incident incident, Actor actor, ActionRequest request, string? reason)
    {
        var codes = (request.Departments ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            throw new ArgumentException(Say("departments: 请选择至少一个要召集的部门。", "departments: choose at least one department to summon."));
        }

        foreach (var code in codes)
        {
            if (!catalog.TryGetDepartment(code, out var found) || !found!.CanHandleCases)
            {
                throw new ArgumentException(Say($"departments: '{code}' 不是目录中的办理部门。", $"departments: '{code}' is not a case-handling department in the catalog."));
            }
        }

        var minutes = request.Minutes ?? DefaultReportInMinutes;
        if (minutes is < 1 or > MaxReportInMinutes)
        {
            throw new ArgumentException(Say($"minutes: 报到时限须在 1 到 {MaxReportInMinutes} 分钟之间。", $"minutes: the report-in time is 1 to {MaxReportInMinutes} minutes."));
        }

        var now = time.GetUtcNow();
        incident.BlowWhistle(actor, now, [.. codes.Select(c => (c, now.AddMinutes(minutes)))],
            reason ?? throw new ArgumentException(Say("reason: 请说明吹哨事由。", "reason: say why the departments are summoned.")));
    }

    /// <summary>
    /// A deadline from the dispatch form (<c>2026-11-23T17:30</c>, China time, as a datetime-local input sends it) or the
    /// API (an ISO instant with offset).
    /// </summary>
    internal static DateTimeOffset? ParseDeadline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, ChinaTime.Zone.GetUtcOffset(local)).ToUniversalTime();
        }

        if (DateTimeOffset.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant)
            && (trimmed.EndsWith('Z') || trimmed.LastIndexOfAny(['+', '-']) > 9))
        {
            return instant.ToUniversalTime();
        }

        throw new ArgumentException(Say($"deadline: '{text}' 不是有效时间（例如 2026-11-23T17:30）。", $"deadline: '{text}' is not a time like 2026-11-23T17:30 (China time)."));
    }

    private async Task MergeAsync(CityDbContext db, Incident duplicate, WorkspaceUser user, ActionRequest request, string? reason, CancellationToken cancellationToken)
    {
        var masterNumber = request.MergeInto?.Trim();
        if (string.IsNullOrEmpty(masterNumber))
        {
            throw new ArgumentException("mergeInto: name the case this one duplicates.");
        }

        var master = await Load(db, masterNumber, cancellationToken);
        if (master is null || !IncidentAuthorizer.CanSee(user, master))
        {
            throw new ArgumentException($"mergeInto: no incident {masterNumber} in your scope.");
        }

        duplicate.MergeInto(master, user.ToActor(), time.GetUtcNow(), reason!);
    }
}
