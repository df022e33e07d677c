using Dashboard.Core.Incidents;
using Dashboard.Core.Sla;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Jobs;

/// <summary>Hour or local day.</summary>
public enum RollupGrain
{
    Hour,
    Day,
}

/// <summary>One rollup row as charts read it.</summary>
public sealed record RollupPoint(DateTimeOffset BucketStartUtc, RollupDimension Dimension, string Key, RollupCounts Counts);

/// <summary>Totals of one key over a range (medians are not additive, so none here); <see cref="HandledOnTheSpot"/> is part of <see cref="Closed"/>.</summary>
public sealed record RollupTotal(string Key, int Found, int Dispatched, int Closed, int Overdue, int HandledOnTheSpot = 0);

/// <summary>What the wall's charts and the reports read instead of raw incidents.</summary>
public interface IRollupQueries
{
    /// <summary>Rows of one dimension (one key, or all keys when null) with buckets starting in [from, to).</summary>
    Task<IReadOnlyList<RollupPoint>> SeriesAsync(RollupGrain grain, RollupDimension dimension, string? key, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>Keys of one dimension summed over [from, to), most found first.</summary>
    Task<IReadOnlyList<RollupTotal>> TopAsync(RollupGrain grain, RollupDimension dimension, DateTimeOffset fromUtc, DateTimeOffset toUtc, int take, CancellationToken cancellationToken = default);
}

public sealed class RollupQueries(IDbContextFactory<CityDbContext> contexts) : IRollupQueries
{
    public async Task<IReadOnlyList<RollupPoint>> SeriesAsync(RollupGrain grain, RollupDimension dimension, string? key, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Rows(db, grain)
            .Where(r => r.Dimension == dimension && r.BucketStartUtc >= fromUtc && r.BucketStartUtc < toUtc && (key == null || r.Key == key))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.BucketStartUtc).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RollupPoint(r.BucketStartUtc, r.Dimension, r.Key, new RollupCounts(r.Found, r.Dispatched, r.Closed, r.Overdue, r.MedianCloseMinutes, r.HandledOnTheSpot)))];
    }

    public async Task<IReadOnlyList<RollupTotal>> TopAsync(RollupGrain grain, RollupDimension dimension, DateTimeOffset fromUtc, DateTimeOffset toUtc, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var totals = await Rows(db, grain)
            .Where(r => r.Dimension == dimension && r.BucketStartUtc >= fromUtc && r.BucketStartUtc < toUtc)
            .GroupBy(r => r.Key)
            .Select(g => new RollupTotal(g.Key, g.Sum(r => r.Found), g.Sum(r => r.Dispatched), g.Sum(r => r.Closed), g.Sum(r => r.Overdue), g.Sum(r => r.HandledOnTheSpot)))
            .ToListAsync(cancellationToken);
        return [.. totals.OrderByDescending(t => t.Found).ThenBy(t => t.Key, StringComparer.Ordinal).Take(take)];
    }

    private static IQueryable<IncidentRollup> Rows(CityDbContext db, RollupGrain grain) =>
        grain == RollupGrain.Hour ? db.Set<HourlyRollup>().AsNoTracking() : db.Set<DailyRollup>().AsNoTracking();
}

/// <summary>
/// Recomputes the rollups of one local day (its 24 hourly buckets and the day) from raw incidents, timeline and
/// clocks, replacing what was stored: rerunning it is harmless, and a late report or a clock that ran out since
/// the last run is counted the next time.
/// </summary>
public sealed class RollupBuilder(IDbContextFactory<CityDbContext> contexts, WorkingCalendarSource calendar, TimeProvider time)
{
    public async Task RebuildDayAsync(DateOnly localDay, CancellationToken cancellationToken)
    {
        var zone = calendar.Calendar.TimeZone;
        var from = LocalMidnightUtc(localDay, zone);
        var to = LocalMidnightUtc(localDay.AddDays(1), zone);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var facts = new List<(DateTimeOffset At, long IncidentId, Fact Kind, double? CloseMinutes)>();
        var found = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.ReportedUtc >= from && i.ReportedUtc < to)
            .Select(i => new { i.Id, i.ReportedUtc })
            .ToListAsync(cancellationToken);
        facts.AddRange(found.Select(i => (i.ReportedUtc, i.Id, Fact.Found, (double?)null)));

        var moves = await db.Set<IncidentTimelineEntry>().AsNoTracking()
            .Where(t => t.AtUtc >= from && t.AtUtc < to && (t.Action == IncidentAction.Dispatch || t.Action == IncidentAction.Close))
            .Select(t => new { IncidentId = EF.Property<long>(t, "IncidentId"), t.AtUtc, t.Action, t.FromStatus })
            .ToListAsync(cancellationToken);
        var overdue = await db.Set<SlaClock>().AsNoTracking()
            .Where(c => c.DueUtc >= from && c.DueUtc < to && c.DueUtc < now && (c.CompletedUtc == null || c.CompletedUtc > c.DueUtc))
            .Select(c => new { IncidentId = EF.Property<long>(c, "IncidentId"), c.DueUtc })
            .ToListAsync(cancellationToken);

        var ids = found.Select(i => i.Id).Concat(moves.Select(m => m.IncidentId)).Concat(overdue.Select(o => o.IncidentId)).Distinct().ToList();
        var dims = new Dictionary<long, (string?[] Keys, DateTimeOffset Reported)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Set<Incident>().AsNoTracking()
                .Where(i => chunk.Contains(i.Id))
                .Select(i => new { i.Id, i.Location.StreetCode, i.Location.CommunityCode, i.Location.GridCode, i.ItemCode, i.Source, i.AssignedDepartmentCode, i.ReportedUtc })
                .ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                dims[r.Id] = ([r.StreetCode, r.GridCode, r.ItemCode, ItemClass(r.ItemCode), r.Source.ToString(), r.AssignedDepartmentCode, r.CommunityCode], r.ReportedUtc);
            }
        }

        facts.AddRange(moves.Select(m => (m.AtUtc, m.IncidentId, m.Action == IncidentAction.Dispatch ? Fact.Dispatched : Fact.Closed,
            m.Action == IncidentAction.Close && dims.TryGetValue(m.IncidentId, out var d) ? (m.AtUtc - d.Reported).TotalMinutes : (double?)null)));
        facts.AddRange(moves.Where(m => HandledOnTheSpot.IsClosing(m.Action, m.FromStatus))
            .Select(m => (m.AtUtc, m.IncidentId, Fact.HandledOnTheSpot, (double?)null)));
        facts.AddRange(overdue.Select(o => (o.DueUtc, o.IncidentId, Fact.Overdue, (double?)null)));

        var hourly = Aggregate(facts, dims, f => new DateTimeOffset(f.Ticks - (f.Ticks % TimeSpan.TicksPerHour), TimeSpan.Zero))
            .Select(a => new HourlyRollup(a.Bucket, a.Dimension, a.Key, a.Counts)).ToList();
        var daily = Aggregate(facts, dims, _ => from)
            .Select(a => new DailyRollup(a.Bucket, a.Dimension, a.Key, a.Counts)).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<HourlyRollup>().Where(r => r.BucketStartUtc >= from && r.BucketStartUtc < to).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DailyRollup>().Where(r => r.BucketStartUtc == from).ExecuteDeleteAsync(cancellationToken);
        db.AddRange(hourly);
        db.AddRange(daily);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The UTC instant of local midnight starting <paramref name="day"/>.</summary>
    public static DateTimeOffset LocalMidnightUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>EV-05-02 → EV-05.</summary>
    public static string ItemClass(string itemCode) => itemCode.Length > 5 ? itemCode[..5] : itemCode;

    private static IEnumerable<(DateTimeOffset Bucket, RollupDimension Dimension, string Key, RollupCounts Counts)> Aggregate(
        List<(DateTimeOffset At, long IncidentId, Fact Kind, double? CloseMinutes)> facts,
        Dictionary<long, (string?[] Keys, DateTimeOffset Reported)> dims,
        Func<DateTimeOffset, DateTimeOffset> bucketOf)
    {
        var dimensions = Enum.GetValues<RollupDimension>();
        return facts
            .Where(f => dims.ContainsKey(f.IncidentId))
            .SelectMany(f => dimensions.Select(d => (Bucket: bucketOf(f.At), Dimension: d, Key: dims[f.IncidentId].Keys[(int)d] ?? IncidentRollup.NoKey, Fact: f)))
            .GroupBy(x => (x.Bucket, x.Dimension, x.Key))
            .Select(g => (g.Key.Bucket, g.Key.Dimension, g.Key.Key, new RollupCounts(
                g.Count(x => x.Fact.Kind == Fact.Found),
                g.Count(x => x.Fact.Kind == Fact.Dispatched),
                g.Count(x => x.Fact.Kind == Fact.Closed),
                g.Count(x => x.Fact.Kind == Fact.Overdue),
                Median(g.Where(x => x.Fact.CloseMinutes is not null).Select(x => x.Fact.CloseMinutes!.Value).ToList()),
                g.Count(x => x.Fact.Kind == Fact.HandledOnTheSpot))));
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private enum Fact
    {
        Found,
        Dispatched,
        Closed,
        Overdue,
        HandledOnTheSpot,
    }
}

/// <summary>The working calendar as loaded at start (from <see cref="Storage.Seeding.ReferenceData"/>), or a fixed one in tests.</summary>
public sealed class WorkingCalendarSource(Func<WorkingCalendar> calendar)
{
    public WorkingCalendar Calendar => calendar();
}
