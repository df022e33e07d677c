using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Live;

/// <summary>Tuning of the live path, bound from the <c>Live</c> configuration section.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How long a scope's deltas are gathered before they are pushed (critical ones go at once).</summary>
    [Range(10, 10_000)]
    public int BatchIntervalMs { get; set; } = 200;

    /// <summary>A scope's batch is pushed early when it holds this many deltas, so no single message grows without bound.</summary>
    [Range(1, 10_000)]
    public int MaxDeltasPerBatch { get; set; } = 500;

    /// <summary>Rows read from the change log per query.</summary>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>How often the log is read when no wake-up arrives; bounds the delay after a missed signal.</summary>
    [Range(50, 600_000)]
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>
    /// How far behind (in change-log sequence numbers) a subscriber may be and still get the missed deltas;
    /// further behind, it is told to reload a snapshot.
    /// </summary>
    [Range(0, 1_000_000)]
    public int CatchupWindow { get; set; } = 5000;

    /// <summary>Messages waiting for one connection; when full, the oldest is dropped and the client told to resync.</summary>
    [Range(1, 100_000)]
    public int ConnectionQueueCapacity { get; set; } = 64;

    /// <summary>Lets anonymous visitors follow district scopes (the local demo); switch off when sign-in exists.</summary>
    public bool AnonymousMaySeeDistrict { get; set; } = true;

    public TimeSpan BatchInterval => TimeSpan.FromMilliseconds(BatchIntervalMs);

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(PollIntervalMs);
}
