using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.ChangeLog;
using Dashboard.Core.Storage.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Jobs;

/// <summary>What one SLA watch run did.</summary>
public sealed record SlaWatchResult(int Evaluated, int LightsChanged, IReadOnlyList<string> Escalated);

/// <summary>
/// 红黄灯 and automatic escalation (超时自动上报): evaluates every open case's clocks at the present instant,
/// tells the wall and the queues when a light changes (one change-log row per change, none when nothing
/// changed), and escalates a case one tier up the <see cref="EscalationLadder"/> once a running clock is overdue by
/// more than <see cref="SlaWatchOptions.EscalateAfterOverdueFraction"/> of its granted time.
/// </summary>
/// <remarks>
/// Idempotent by stored state (<see cref="SlaWatchState"/>), not by how often it runs: after downtime one
/// catch-up run sees the present, and a clock that already caused an escalation never causes another.
/// </remarks>
public sealed class SlaWatch(
    IDbContextFactory<CityDbContext> contexts,
    ReferenceData reference,
    TimeProvider time,
    IOptions<SlaWatchOptions> options,
    ILogger<SlaWatch> logger)
{
    public const string ChangeKind = "incident.sla";

    public static readonly Actor Watcher = Actor.System("sla-watch");

    private static readonly IncidentStatus[] OpenStatuses =
        [.. Enum.GetValues<IncidentStatus>().Where(s => s is not (IncidentStatus.Closed or IncidentStatus.Merged or IncidentStatus.Rejected))];

    public async Task<SlaWatchResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var settings = options.Value;
        var calendar = reference.Calendar;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var incidents = await db.Set<Incident>().AsNoTracking()
            .Include(i => i.Clocks)
            .Where(i => OpenStatuses.Contains(i.Status) && i.Clocks.Any(c => c.CompletedUtc == null))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var states = await db.Set<SlaWatchState>().ToDictionaryAsync(s => s.IncidentId, cancellationToken);
        var workflow = new IncidentWorkflow(reference.Catalog, calendar, new DispatchRules(reference.Catalog), time);
        var escalated = new List<string>();
        var changed = 0;

        foreach (var snapshot in incidents)
        {
            if (!states.TryGetValue(snapshot.Id, out var state))
            {
                state = new SlaWatchState(snapshot.Id);
                db.Add(state);
                states[snapshot.Id] = state;
            }

            var current = snapshot;
            if (DueForEscalation(snapshot, state, now, calendar, settings) is { } clock)
            {
                current = await db.Set<Incident>()
                    .Include(i => i.Reports).Include(i => i.Timeline).Include(i => i.Clocks)
                    .AsSplitQuery()
                    .FirstAsync(i => i.Id == snapshot.Id, cancellationToken);
                var fromTier = current.OwnerTier;
                workflow.Escalate(current, Watcher, EscalationReason(clock, now, calendar, settings, fromTier));
                state.Escalated(clock.Id, now);
                escalated.Add(current.Number);
                logger.LogInformation("Case {Number}: {Stage} clock overdue since {Due:u}; escalated from {Tier}", current.Number, clock.Stage, clock.DueUtc, fromTier);
            }

            var light = current.Light(now, calendar, settings.DueSoonFraction);
            if (state.See(light, now))
            {
                db.ChangeLog.Add(LightChange(current, light, now, calendar));
                changed++;
            }
        }

        // Cases that closed or lost their clocks: the transition that did it told the wall already.
        var evaluated = incidents.Select(i => i.Id).ToHashSet();
        db.RemoveRange(states.Values.Where(s => !evaluated.Contains(s.IncidentId) && db.Entry(s).State != EntityState.Added));

        await db.SaveChangesAsync(cancellationToken);
        return new SlaWatchResult(incidents.Count, changed, escalated);
    }

    /// <summary>The earliest running clock past the escalation threshold that has not escalated yet, if the case can still go up.</summary>
    private static SlaClock? DueForEscalation(Incident incident, SlaWatchState state, DateTimeOffset now, WorkingCalendar calendar, SlaWatchOptions settings)
    {
        if (!IncidentTransitions.AllowedFrom(IncidentAction.Escalate).Contains(incident.Status)
            || (incident.OwnerTier == HandlingTier.District && incident.NeedsJointTriage && incident.Status == IncidentStatus.Escalated))
        {
            return null;
        }

        return incident.Clocks
            .Where(c => c.IsRunning && c.IsOverdue(now) && !state.HasEscalated(c.Id))
            .Where(c => -c.Remaining(now, calendar) > c.Budget * settings.EscalateAfterOverdueFraction)
            .OrderBy(c => c.DueUtc)
            .FirstOrDefault();
    }

    private static string EscalationReason(SlaClock clock, DateTimeOffset now, WorkingCalendar calendar, SlaWatchOptions settings, HandlingTier fromTier)
    {
        var overdue = -clock.Remaining(now, calendar);
        var kind = clock.Limit.IsCountedInWorkingTime ? "working time" : "time";
        return string.Create(CultureInfo.InvariantCulture,
            $"{clock.Stage} limit of {clock.Limit} ran out at {calendar.ToLocal(clock.DueUtc):yyyy-MM-dd HH:mm} (Asia/Shanghai); overdue by {overdue.TotalHours:F1} h of {kind}, more than {settings.EscalateAfterOverdueFraction:P0} of the limit: escalated automatically from {fromTier}");
    }

    private static ChangeLogEntry LightChange(Incident incident, SlaLight light, DateTimeOffset now, WorkingCalendar calendar)
    {
        var clocks = incident.Clocks.Where(c => !c.IsCompleted).OrderBy(c => c.DueUtc).ToList();
        return new ChangeLogEntry(
            now,
            ChangeKind,
            "incident",
            incident.Number,
            new ChangeScope(incident.Location.StreetCode, incident.Location.CommunityCode, incident.Location.GridCode),
            JsonSerializer.Serialize(new
            {
                number = incident.Number,
                light = light.ToString().ToLowerInvariant(),
                dueSoon = light == SlaLight.Yellow,
                overdue = light == SlaLight.Red,
                due = incident.DueUtc,
                status = incident.Status.ToString(),
                tier = incident.OwnerTier.ToString(),
                department = incident.AssignedDepartmentCode,
                clocks = clocks.Select(c => new
                {
                    stage = c.Stage.ToString(),
                    due = c.DueUtc,
                    overdue = c.IsOverdue(now),
                    remainingMinutes = Math.Round(c.Remaining(now, calendar).TotalMinutes),
                }),
            }),
            isCritical: light == SlaLight.Red,
            actor: Watcher.Id);
    }
}
