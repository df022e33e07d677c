using Dashboard.Core.Incidents;
using Dashboard.Core.Storage;
using Dashboard.Director;
using Dashboard.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Wall;

/// <summary>One thing the duty desk did (or was refused), as the demo user who did it.</summary>
public sealed record DutyDeskStep(string Incident, IncidentAction Action, string User, ActionOutcomeKind Outcome, string Message);

/// <summary>
/// The demo's duty desk (值班台): each round it picks a few open cases that have sat in their stage for a while and
/// moves them one step as the demo user whose job that step is — the street director registers, dispatches,
/// verifies and closes, the department liaison accepts, handles or returns, the community worker handles on the
/// spot — through <see cref="IncidentActions"/>, so every step is authorized for that user's scope and lands on the
/// case's timeline under their name. Some dispatched cases are never picked up (they go overdue), some are returned,
/// some fail verification: the wall shows a working district, not a conveyor belt.
/// </summary>
public sealed class DutyDesk(
    IDbContextFactory<CityDbContext> contexts,
    IncidentActions actions,
    IServiceScopeFactory scopes,
    IOptions<DutyDeskOptions> options,
    IOptions<Dashboard.Core.Storage.StoreOptions> store,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DutyDesk> logger)
{
    public const string Route = "duty-desk";

    private static readonly IncidentStatus[] Actionable =
    [
        IncidentStatus.Reported, IncidentStatus.SelfHandled, IncidentStatus.Registered, IncidentStatus.Returned, IncidentStatus.Escalated,
        IncidentStatus.Dispatched, IncidentStatus.Accepted, IncidentStatus.Handled, IncidentStatus.Verified,
    ];

    private readonly Random random = new(options.Value.Seed);
    private IReadOnlyList<WorkspaceUser>? roster;

    /// <summary>One round: at most <see cref="DutyDeskOptions.ActionsPerRound"/> steps, each its own unit of work.</summary>
    public async Task<IReadOnlyList<DutyDeskStep>> RunRoundAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var people = roster ??= await LoadRosterAsync(cancellationToken);
        if (people.Count == 0)
        {
            return [];
        }

        var settled = time.GetUtcNow().AddSeconds(-settings.DwellSeconds);
        List<Candidate> candidates;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            candidates = await db.Set<Incident>().AsNoTracking()
                .Where(i => Actionable.Contains(i.Status) && i.UpdatedUtc <= settled && !i.NeedsJointTriage)
                .OrderBy(i => i.UpdatedUtc)
                .Take(60)
                .Select(i => new Candidate(i.Number, i.Status, i.IsOnTheSpot, i.Location.StreetCode, i.Location.CommunityCode, i.AssignedDepartmentCode, i.OwnerTier,
                    i.Source == IncidentSource.Open311 || i.Source == IncidentSource.Hotline12345
                        || i.Reports.Any(r => r.Source == IncidentSource.Open311 || r.Source == IncidentSource.Hotline12345),
                    i.LastCallback))
                .ToListAsync(cancellationToken);
        }

        var steps = new List<DutyDeskStep>();
        foreach (var candidate in candidates.OrderBy(_ => random.Next()))
        {
            if (steps.Count >= settings.ActionsPerRound)
            {
                break;
            }

            if (Plan(candidate, people, settings) is not { } plan)
            {
                continue;
            }

            var outcome = await actions.ExecuteAsync(plan.User, candidate.Number, plan.Request, Route, cancellationToken);
            steps.Add(new DutyDeskStep(candidate.Number, plan.Request.Action, plan.User.UserName, outcome.Kind, outcome.Message));
            if (!outcome.IsDone)
            {
                logger.LogInformation("Duty desk: {User} could not {Action} {Incident}: {Message}", plan.User.UserName, plan.Request.Action, candidate.Number, outcome.Message);
            }
        }

        return steps;
    }

    /// <summary>Who does what next to a case, or null when nobody on the desk would touch it now.</summary>
    private (WorkspaceUser User, ActionRequest Request)? Plan(Candidate c, IReadOnlyList<WorkspaceUser> people, DutyDeskOptions settings)
    {
        var director = people.FirstOrDefault(p => p.Role == CityRoles.StreetDirector && p.ScopeCode == c.Street);
        var districtOperator = people.FirstOrDefault(p => p.Role == CityRoles.DistrictOperator);
        var dispatcher = c.Tier == Core.Catalog.HandlingTier.District || director is null ? districtOperator : director;
        var worker = people.FirstOrDefault(p => p.Role == CityRoles.CommunityWorker && p.ScopeCode == c.Community);
        var liaison = people.FirstOrDefault(p => p.Role == CityRoles.DepartmentLiaison && p.ScopeCode == c.Department);
        var roll = random.Next(100);
        return c.Status switch
        {
            IncidentStatus.Reported when c.IsOnTheSpot && (worker ?? director) is { } handler =>
                (handler, new ActionRequest(IncidentAction.SelfHandle, "网格员现场处置完毕")),
            IncidentStatus.Reported when dispatcher is not null => (dispatcher, new ActionRequest(IncidentAction.Register, "核实属实，予以立案")),
            IncidentStatus.SelfHandled or IncidentStatus.Verified when c.AwaitsCallback && (director ?? districtOperator) is { } caller =>
                (caller, roll < settings.ReturnPercent
                    ? new ActionRequest(IncidentAction.RecordCallback, "市民表示问题仍未解决", Satisfied: false)
                    : new ActionRequest(IncidentAction.RecordCallback, "市民对处置结果表示满意", Satisfied: true)),
            IncidentStatus.SelfHandled when (worker ?? director) is { } closer => (closer, new ActionRequest(IncidentAction.Close, "现场处置已完成，结案")),
            IncidentStatus.Registered or IncidentStatus.Returned or IncidentStatus.Escalated when dispatcher is not null =>
                (dispatcher, new ActionRequest(IncidentAction.Dispatch, "按派遣规则派遣")),
            // A department that lets a case sit is part of the picture: the same cases are always the neglected ones.
            IncidentStatus.Dispatched when liaison is not null && IsNeglected(c.Number, settings.NeglectPercent) => null,
            IncidentStatus.Dispatched when liaison is not null && roll < settings.ReturnPercent =>
                (liaison, new ActionRequest(IncidentAction.Return, "非本部门职责，请重新派遣")),
            IncidentStatus.Dispatched when liaison is not null => (liaison, new ActionRequest(IncidentAction.Accept, "已签收，安排人员处置")),
            IncidentStatus.Accepted when liaison is not null => (liaison, new ActionRequest(IncidentAction.Handle, "已处置完毕，请核查",
                Photos: [new PhotoUpload(EvidenceStage.After, "处置后.png", PlaceholderPhoto)])),
            IncidentStatus.Handled when dispatcher is not null && roll < settings.FailVerificationPercent =>
                (dispatcher, new ActionRequest(IncidentAction.FailVerification, "现场核查未整改到位")),
            IncidentStatus.Handled when dispatcher is not null => (dispatcher, new ActionRequest(IncidentAction.Verify, "现场核查已整改")),
            IncidentStatus.Verified when dispatcher is not null => (dispatcher, new ActionRequest(IncidentAction.Close, "核查通过，结案")),
            _ => null,
        };
    }

    /// <summary>Stable across rounds and restarts: a case is neglected or not by its number.</summary>
    public static bool IsNeglected(string number, int percent)
    {
        var hash = 17u;
        foreach (var ch in number)
        {
            hash = unchecked((hash * 31) + ch);
        }

        return hash % 100 < percent;
    }

    /// <summary>The seeded demo users, as the people store holds them (ids, roles, scopes).</summary>
    private async Task<IReadOnlyList<WorkspaceUser>> LoadRosterAsync(CancellationToken cancellationToken)
    {
        var assets = Path.GetFullPath(Path.Combine(environment.ContentRootPath, store.Value.AssetsPath));
        var file = await DemoUsersFile.LoadAsync(assets, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CityUser>>();
        var roster = new List<WorkspaceUser>();
        foreach (var demo in file.Users.Where(u => u.Role != CityRoles.Administrator))
        {
            if (await users.FindByNameAsync(demo.Username) is { } user && (await users.GetRolesAsync(user)).FirstOrDefault(CityRoles.IsKnown) is { } role)
            {
                roster.Add(new WorkspaceUser(user.Id, user.UserName ?? demo.Username, user.DisplayName, role, user.ScopeCode));
            }
        }

        logger.LogInformation("Duty desk on: {Count} demo users move cases along ({Interval} s per round)", roster.Count, options.Value.IntervalSeconds);
        return roster;
    }

    private sealed record Candidate(
        string Number, IncidentStatus Status, bool IsOnTheSpot, string? Street, string? Community, string? Department, Core.Catalog.HandlingTier Tier,
        bool CitizenReported, CitizenCallback? LastCallback)
    {
        /// <summary>A citizen's case closes only after a satisfied 回访 (the aggregate refuses otherwise).</summary>
        public bool AwaitsCallback => CitizenReported && LastCallback is not { Satisfied: true };
    }

    /// <summary>
    /// The demo's stand-in for the liaison's after photo (a 1×1 PNG): a handling report needs one, and the desk has no
    /// camera. Real reports carry the department's own photos.
    /// </summary>
    private static readonly byte[] PlaceholderPhoto = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
