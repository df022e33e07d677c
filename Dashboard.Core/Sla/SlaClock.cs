using Dashboard.Core.Catalog;

namespace Dashboard.Core.Sla;

/// <summary>
/// The time limit of one stage of a case: when it started, when it is due, suspensions (挂起) and
/// extensions (延期). Counts in working time or natural time as its limit says.
/// The calendar is passed in, not held, so the clock stays a plain persisted value.
/// </summary>
public sealed class SlaClock
{
    /// <summary>Due soon when at most this share of the granted time is left (a "yellow light").</summary>
    public const double DefaultDueSoonFraction = 0.2;

    private SlaClock()
    {
        Limit = SlaSpec.Minutes(1);
    }

    private SlaClock(SlaStage stage, SlaSpec limit, DateTimeOffset startedUtc, DateTimeOffset dueUtc, TimeSpan budget)
    {
        Stage = stage;
        Limit = limit;
        StartedUtc = startedUtc;
        DueUtc = dueUtc;
        Budget = budget;
    }

    public long Id { get; private set; }

    public SlaStage Stage { get; private set; }

    public SlaSpec Limit { get; private set; }

    public DateTimeOffset StartedUtc { get; private set; }

    public DateTimeOffset DueUtc { get; private set; }

    /// <summary>The time granted so far (limit plus extensions), in the limit's kind of time.</summary>
    public TimeSpan Budget { get; private set; }

    public DateTimeOffset? PausedAtUtc { get; private set; }

    /// <summary>Natural time spent suspended, summed over all pauses.</summary>
    public TimeSpan TotalPaused { get; private set; }

    public int ExtensionCount { get; private set; }

    public DateTimeOffset? CompletedUtc { get; private set; }

    public bool IsCompleted => CompletedUtc is not null;

    public bool IsPaused => PausedAtUtc is not null && CompletedUtc is null;

    public bool IsRunning => !IsCompleted && !IsPaused;

    public static SlaClock Start(SlaStage stage, SlaSpec limit, DateTimeOffset startUtc, WorkingCalendar calendar)
    {
        var started = startUtc.ToUniversalTime();
        return new SlaClock(stage, limit, started, calendar.AddWorkingTime(started, limit), calendar.Budget(limit));
    }

    /// <summary>挂起: stops the clock, e.g. while waiting for a permit or the weather.</summary>
    public void Pause(DateTimeOffset atUtc)
    {
        EnsureNotCompleted("pause");
        if (IsPaused)
        {
            throw new InvalidOperationException($"The {Stage} clock is already paused since {PausedAtUtc:u}.");
        }

        EnsureNotBeforeStart(atUtc, "pause");
        PausedAtUtc = atUtc.ToUniversalTime();
    }

    /// <summary>Restarts a paused clock; the time left at the pause is granted again from <paramref name="atUtc"/>.</summary>
    public void Resume(DateTimeOffset atUtc, WorkingCalendar calendar)
    {
        EnsureNotCompleted("resume");
        if (PausedAtUtc is not { } pausedAt)
        {
            throw new InvalidOperationException($"The {Stage} clock is not paused.");
        }

        if (atUtc < pausedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(atUtc), atUtc, $"Cannot resume the {Stage} clock before it was paused ({pausedAt:u}).");
        }

        var left = LeftAt(pausedAt, calendar);
        // A clock paused after it was already due stays overdue: a pause must not hide a missed limit.
        if (left > TimeSpan.Zero)
        {
            DueUtc = Limit.IsCountedInWorkingTime
                ? calendar.AddWorkingDuration(atUtc, left)
                : (atUtc + left).ToUniversalTime();
        }

        TotalPaused += atUtc - pausedAt;
        PausedAtUtc = null;
    }

    /// <summary>延期: grants more time, counted the same way as the limit, from the current due instant.</summary>
    public void Extend(SlaSpec extra, WorkingCalendar calendar)
    {
        EnsureNotCompleted("extend");
        if (extra.IsCountedInWorkingTime != Limit.IsCountedInWorkingTime)
        {
            throw new ArgumentException(
                $"The {Stage} clock counts {(Limit.IsCountedInWorkingTime ? "working" : "natural")} time; an extension of {extra} does not.",
                nameof(extra));
        }

        DueUtc = calendar.AddWorkingTime(DueUtc, extra);
        Budget += calendar.Budget(extra);
        ExtensionCount++;
    }

    /// <summary>
    /// Brings the due instant forward to a deadline the dispatcher chose (派遣时限); the granted time shrinks with it.
    /// Only ever earlier than the limit allows: a deadline is not a way around the rules.
    /// </summary>
    public void Tighten(DateTimeOffset dueUtc, WorkingCalendar calendar)
    {
        EnsureNotCompleted("set a deadline on");
        var due = dueUtc.ToUniversalTime();
        if (due > DueUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(dueUtc), dueUtc, $"The {Stage} clock is due at {DueUtc:u} by the rules; a deadline cannot be later.");
        }

        if (due <= StartedUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(dueUtc), dueUtc, $"The {Stage} clock started at {StartedUtc:u}; a deadline must be after that.");
        }

        DueUtc = due;
        Budget = Limit.IsCountedInWorkingTime ? calendar.WorkingTimeBetween(StartedUtc, due) : due - StartedUtc;
    }

    public void Complete(DateTimeOffset atUtc)
    {
        EnsureNotCompleted("complete");
        EnsureNotBeforeStart(atUtc, "complete");
        CompletedUtc = atUtc.ToUniversalTime();
    }

    /// <summary>
    /// Time left until due at <paramref name="nowUtc"/>, in the limit's kind of time; negative once overdue.
    /// Frozen while paused and once completed.
    /// </summary>
    public TimeSpan Remaining(DateTimeOffset nowUtc, WorkingCalendar calendar) => LeftAt(ReferenceInstant(nowUtc), calendar);

    public bool IsOverdue(DateTimeOffset nowUtc) => ReferenceInstant(nowUtc) > DueUtc;

    /// <summary>Not overdue yet, but at most <paramref name="fraction"/> of the granted time is left.</summary>
    public bool IsDueSoon(DateTimeOffset nowUtc, WorkingCalendar calendar, double fraction = DefaultDueSoonFraction)
    {
        if (fraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The due-soon fraction must be between 0 and 1.");
        }

        return !IsOverdue(nowUtc) && Remaining(nowUtc, calendar) <= Budget * fraction;
    }

    private DateTimeOffset ReferenceInstant(DateTimeOffset nowUtc) => PausedAtUtc ?? CompletedUtc ?? nowUtc;

    private TimeSpan LeftAt(DateTimeOffset instant, WorkingCalendar calendar) =>
        Limit.IsCountedInWorkingTime ? calendar.WorkingTimeBetween(instant, DueUtc) : DueUtc - instant;

    private void EnsureNotCompleted(string action)
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException($"Cannot {action} the {Stage} clock: it completed at {CompletedUtc:u}.");
        }
    }

    private void EnsureNotBeforeStart(DateTimeOffset atUtc, string action)
    {
        if (atUtc < StartedUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(atUtc), atUtc, $"Cannot {action} the {Stage} clock before it started ({StartedUtc:u}).");
        }
    }
}
