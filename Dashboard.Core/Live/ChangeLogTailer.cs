using System.Runtime.CompilerServices;
using Dashboard.Core.Storage.ChangeLog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Live;

/// <summary>
/// Follows the change log from a cursor: reads pages of new rows when woken by <see cref="ChangeLogSignal"/>
/// (in-process commits, and PostgreSQL NOTIFY through <see cref="PostgresChangeListener"/>) and, in case a
/// wake-up is missed, every <see cref="LiveOptions.PollIntervalMs"/>. A failing read is logged and retried at
/// the next poll; it never ends the enumeration.
/// </summary>
public sealed class ChangeLogTailer(
    ChangeLogReader reader,
    ChangeLogSignal signal,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<ChangeLogTailer> logger)
{
    /// <summary>Yields pages of entries with a sequence above <paramref name="after"/>, in order, until cancelled.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ChangeLogEntry>> FollowAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cursor = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = signal.NextNotification;
            var page = await TryReadAsync(cursor, settings.PageSize, cancellationToken);
            if (page.Count > 0)
            {
                cursor = page[^1].Sequence;
                yield return page;
                if (page.Count == settings.PageSize)
                {
                    continue;
                }
            }

            await WaitAsync(wake, settings.PollInterval, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<ChangeLogEntry>> TryReadAsync(long cursor, int pageSize, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAfterAsync(cursor, pageSize, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Reading the change log after {Cursor} failed; retrying at the next poll", cursor);
            return [];
        }
    }

    private async Task WaitAsync(Task wake, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(pollInterval, time, delayCancellation.Token);
        await Task.WhenAny(wake, delay);
        await delayCancellation.CancelAsync();
    }
}
