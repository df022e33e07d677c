using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Dashboard.Localization;
using Dashboard.People;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Director;

/// <summary>
/// The queue's filters, as query-string fields (so a filtered list has a URL, and its CSV export the same one).
/// Dates are China dates (yyyy-MM-dd) on the report time.
/// </summary>
public sealed record QueueFilter(
    string? Status = null,
    string? Category = null,
    string? Source = null,
    string? Grid = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Q = null,
    bool All = false)
{
    public static QueueFilter FromQuery(IQueryCollection query) => new(
        Blank(query["status"]), Blank(query["category"]), Blank(query["source"]), Blank(query["grid"]),
        DateOnly.TryParse(query["from"], System.Globalization.CultureInfo.InvariantCulture, out var from) ? from : null,
        DateOnly.TryParse(query["to"], System.Globalization.CultureInfo.InvariantCulture, out var to) ? to : null,
        Blank(query["q"]), query["all"] == "true" || query["all"] == "on");

    public string ToQueryString()
    {
        var pairs = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                pairs.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("status", Status);
        Add("category", Category);
        Add("source", Source);
        Add("grid", Grid);
        Add("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("q", Q);
        Add("all", All ? "true" : null);
        return pairs.Count == 0 ? string.Empty : "?" + string.Join("&", pairs);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A photo's facts for a page or the API, without its bytes.</summary>
public sealed record EvidencePhotoInfo(long Id, EvidenceStage Stage, string FileName, string ContentType, int SizeBytes, string UploadedByName, DateTimeOffset UploadedUtc);

/// <summary>What waits for a decision in the approval inbox.</summary>
public enum InboxKind
{
    /// <summary>延期申请.</summary>
    Extension,

    /// <summary>挂起申请.</summary>
    Pause,

    /// <summary>退回: the department says it is not theirs.</summary>
    Return,

    /// <summary>上报: a lower tier pushed it up.</summary>
    Escalation,

    /// <summary>争议: bounced or disputed; joint triage decides.</summary>
    Dispute,
}

/// <summary>One decision waiting in the inbox: the case, who asked, when, why, and the decisions open to the user.</summary>
public sealed record InboxItem(InboxKind Kind, Incident Incident, string RequestedBy, DateTimeOffset RequestedUtc, string? Reason, IReadOnlyList<IncidentAction> Actions);

/// <summary>One row of the queue: the case, its SLA light and what the user may do to it now.</summary>
public sealed record QueueRow(Incident Incident, SlaLight Light, IReadOnlyList<IncidentAction> Actions);

/// <summary>Reads for the workspace, always through <see cref="IncidentAuthorizer.Visible"/>.</summary>
public sealed class WorkspaceQueries(IDbContextFactory<CityDbContext> contexts, WorkingCalendar calendar, TimeProvider time)
{
    public const int MaxRows = 500;

    private static readonly IncidentStatus[] ClosedStatuses = [IncidentStatus.Closed, IncidentStatus.Merged, IncidentStatus.Rejected];

    /// <summary>
    /// My queue: the cases in my scope that need me (some action is allowed to me now), most urgent first: overdue
    /// and soonest due at the top, then by severity. <see cref="QueueFilter.All"/> lists every case in scope instead.
    /// </summary>
    public async Task<IReadOnlyList<QueueRow>> QueueAsync(WorkspaceUser user, QueueFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = IncidentAuthorizer.Visible(db.Set<Incident>().AsNoTracking(), user);
        if (filter.Status is not null)
        {
            if (!Enum.TryParse<IncidentStatus>(filter.Status, ignoreCase: true, out var status))
            {
                throw new ArgumentException($"status: '{filter.Status}' is not one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}.");
            }

            query = query.Where(i => i.Status == status);
        }
        else if (!filter.All)
        {
            query = query.Where(i => !ClosedStatuses.Contains(i.Status));
        }

        if (filter.Category is { } category)
        {
            query = query.Where(i => i.ItemCode == category || i.ItemCode.StartsWith(category));
        }

        if (filter.Source is not null)
        {
            if (!Enum.TryParse<IncidentSource>(filter.Source, ignoreCase: true, out var source))
            {
                throw new ArgumentException($"source: '{filter.Source}' is not one of {string.Join(", ", Enum.GetNames<IncidentSource>())}.");
            }

            query = query.Where(i => i.Reports.Any(r => r.Source == source));
        }

        if (filter.Grid is { } grid)
        {
            query = query.Where(i => i.Location.GridCode == grid);
        }

        if (filter.From is { } from)
        {
            var fromUtc = ChinaDayStartUtc(from);
            query = query.Where(i => i.ReportedUtc >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = ChinaDayStartUtc(to.AddDays(1));
            query = query.Where(i => i.ReportedUtc < toUtc);
        }

        if (filter.Q is { } q)
        {
            query = query.Where(i => i.Number.Contains(q) || i.Title.Contains(q) || (i.Description != null && i.Description.Contains(q))
                || (i.Location.Address != null && i.Location.Address.Contains(q)));
        }

        var incidents = await query.Include(i => i.Clocks).Include(i => i.Reports).Include(i => i.Summons).AsSplitQuery()
            .OrderBy(i => i.DueUtc == null).ThenBy(i => i.DueUtc).ThenByDescending(i => i.Severity).ThenBy(i => i.ReportedUtc)
            .Take(MaxRows).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. incidents
            .Select(i => new QueueRow(i, i.Light(now, calendar), IncidentAuthorizer.AllowedActions(user, i)))
            .Where(r => filter.All || filter.Status is not null || r.Actions.Count > 0)];
    }

    /// <summary>The case with its reports, timeline and clocks, or null when it does not exist or is outside the user's scope.</summary>
    public async Task<Incident?> DetailAsync(WorkspaceUser user, string number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await IncidentActions.Load(db, number, cancellationToken);
        return incident is not null && IncidentAuthorizer.CanSee(user, incident) ? incident : null;
    }

    /// <summary>The case's photos without their bytes, oldest first.</summary>
    public async Task<IReadOnlyList<EvidencePhotoInfo>> PhotosAsync(Incident incident, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<EvidencePhoto>().AsNoTracking().Where(p => p.IncidentId == incident.Id).OrderBy(p => p.Id)
            .Select(p => new EvidencePhotoInfo(p.Id, p.Stage, p.FileName, p.ContentType, p.SizeBytes, p.UploadedByName, p.UploadedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One photo with its bytes, only if it belongs to <paramref name="incident"/> (which the caller may already see).</summary>
    public async Task<EvidencePhoto?> PhotoAsync(Incident incident, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<EvidencePhoto>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.IncidentId == incident.Id, cancellationToken);
    }

    /// <summary>
    /// The approval inbox (审批): what others asked of me or pushed back to me in my scope — extension and pause requests,
    /// returns, escalations and disputes (joint triage) — each with the decisions I may take on it now.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> InboxAsync(WorkspaceUser user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = await IncidentAuthorizer.Visible(db.Set<Incident>().AsNoTracking(), user)
            .Where(i => i.Status == IncidentStatus.Returned || i.Status == IncidentStatus.Escalated || i.NeedsJointTriage
                || i.PendingExtension != null || i.PendingPause != null)
            .Include(i => i.Timeline).Include(i => i.Clocks).Include(i => i.Summons).AsSplitQuery()
            .OrderBy(i => i.UpdatedUtc).Take(MaxRows).ToListAsync(cancellationToken);
        var items = new List<InboxItem>();
        foreach (var incident in waiting)
        {
            var actions = IncidentAuthorizer.AllowedActions(user, incident);
            if (incident.PendingExtension is { } extension)
            {
                items.Add(Item(InboxKind.Extension, incident, extension.RequestedByName, extension.RequestedUtc, $"+{extension.Extra} ({extension.Stage}) {extension.Reason}",
                    actions, IncidentAction.ApproveExtension, IncidentAction.DenyExtension));
            }

            if (incident.PendingPause is { } pause)
            {
                items.Add(Item(InboxKind.Pause, incident, pause.RequestedByName, pause.RequestedUtc, pause.Reason, actions, IncidentAction.ApprovePause, IncidentAction.DenyPause));
            }

            var last = incident.Timeline.OrderBy(t => t.Sequence).LastOrDefault(t => t.Action is IncidentAction.Return or IncidentAction.Escalate);
            if (incident.Status is IncidentStatus.Returned or IncidentStatus.Escalated && last is not null)
            {
                var kind = incident.NeedsJointTriage ? InboxKind.Dispute : incident.Status == IncidentStatus.Returned ? InboxKind.Return : InboxKind.Escalation;
                items.Add(Item(kind, incident, last.ActorName, last.AtUtc, last.Reason, actions, IncidentAction.Dispatch, IncidentAction.SendBack));
            }
        }

        return [.. items.Where(i => i.Actions.Count > 0 || i.Kind == InboxKind.Dispute).OrderBy(i => i.RequestedUtc)];
    }

    private static InboxItem Item(InboxKind kind, Incident incident, string by, DateTimeOffset at, string? reason, IReadOnlyList<IncidentAction> allowed, params IncidentAction[] decisions) =>
        new(kind, incident, by, at, reason, [.. decisions.Where(allowed.Contains)]);

    private static DateTimeOffset ChinaDayStartUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaTime.Zone.BaseUtcOffset).ToUniversalTime();
}
