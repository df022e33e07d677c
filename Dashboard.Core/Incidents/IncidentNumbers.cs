using System.Collections.Concurrent;
using System.Globalization;

namespace Dashboard.Core.Incidents;

/// <summary>
/// Public case numbers: <c>SJ</c> (事件) + the local (Asia/Shanghai) date yyyyMMdd + a daily sequence of at least
/// four digits, e.g. <c>SJ202611230001</c>. Readable over the phone and sortable by day.
/// </summary>
public static class IncidentNumbers
{
    public const string Prefix = "SJ";

    public static string Format(DateOnly localDay, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return Prefix + localDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("D4", CultureInfo.InvariantCulture);
    }

    public static bool IsValid(string? number) =>
        number is { Length: >= 14 }
        && number.StartsWith(Prefix, StringComparison.Ordinal)
        && number.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0
        && DateOnly.TryParseExact(number.AsSpan(2, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}

/// <summary>Hands out the next sequence number for a local day; the store implements it durably.</summary>
public interface IIncidentSequence
{
    ValueTask<int> NextAsync(DateOnly localDay, CancellationToken cancellationToken);
}

/// <summary>A process-local sequence for tests and the embedded demo.</summary>
public sealed class InMemoryIncidentSequence : IIncidentSequence
{
    private readonly ConcurrentDictionary<DateOnly, int> _last = new();

    public ValueTask<int> NextAsync(DateOnly localDay, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_last.AddOrUpdate(localDay, 1, (_, last) => last + 1));
}

/// <summary>Generates case numbers from the current local day in the district's time zone.</summary>
public sealed class IncidentNumberGenerator(TimeProvider timeProvider, IIncidentSequence sequence, TimeZoneInfo timeZone)
{
    public async ValueTask<string> NextAsync(CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), timeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        return IncidentNumbers.Format(day, await sequence.NextAsync(day, cancellationToken));
    }
}
