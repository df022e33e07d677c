using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Dashboard.Ingest.Normalization;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest.Security;

/// <summary>What a presented key is worth for one request.</summary>
public enum KeyCheck
{
    Accepted,

    /// <summary>No key was presented (401).</summary>
    Missing,

    /// <summary>A key was presented but it is not this source's (403).</summary>
    Refused,

    /// <summary>The feed is switched off in configuration (403).</summary>
    FeedDisabled,

    /// <summary>The key is valid but has used up its request budget (429).</summary>
    RateLimited,
}

/// <summary>
/// Checks each source's own API key and meters each key. Keys are compared in constant time; the
/// per-key token buckets live as long as the process (there are a handful of keys, not one per caller).
/// </summary>
public sealed class ApiKeyGate : IDisposable
{
    private readonly IOptionsMonitor<IngestOptions> _options;
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    public ApiKeyGate(IOptionsMonitor<IngestOptions> options) => _options = options;

    public KeyCheck CheckFeed(FeedSource source, string? presented)
    {
        var options = _options.CurrentValue;
        var feed = options.For(source);
        if (!feed.Enabled)
        {
            return KeyCheck.FeedDisabled;
        }

        if (string.IsNullOrEmpty(presented))
        {
            return KeyCheck.Missing;
        }

        var valid = (options.AreDemoKeysOn && FixedTimeEquals(presented, IngestOptions.DemoKey))
            || (!string.IsNullOrEmpty(feed.ApiKey) && FixedTimeEquals(presented, feed.ApiKey));
        return !valid ? KeyCheck.Refused : Meter(presented, options);
    }

    public KeyCheck CheckReader(string? presented)
    {
        var options = _options.CurrentValue;
        if (string.IsNullOrEmpty(presented))
        {
            return KeyCheck.Missing;
        }

        var valid = (options.AreDemoKeysOn && FixedTimeEquals(presented, IngestOptions.DemoKey))
            || options.ReadApiKeys.Any(k => !string.IsNullOrEmpty(k) && FixedTimeEquals(presented, k));
        return valid ? KeyCheck.Accepted : KeyCheck.Refused;
    }

    private KeyCheck Meter(string key, IngestOptions options)
    {
        var bucket = _buckets.GetOrAdd(key, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.RequestsPerSecondPerKey * 2,
            TokensPerPeriod = options.RequestsPerSecondPerKey,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire();
        return lease.IsAcquired ? KeyCheck.Accepted : KeyCheck.RateLimited;
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
