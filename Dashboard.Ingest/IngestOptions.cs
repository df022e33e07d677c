using System.ComponentModel.DataAnnotations;
using Dashboard.Ingest.Normalization;
using Microsoft.Extensions.Options;

namespace Dashboard.Ingest;

/// <summary>Feeds, keys and pipeline limits. Bound from the <c>Ingest</c> configuration section.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>The key every source accepts when <see cref="DemoKeys"/> is on.</summary>
    public const string DemoKey = "demo-key";

    /// <summary>
    /// Accept <see cref="DemoKey"/> for every feed and for reading. On by default in the Development
    /// environment; never on in production unless set explicitly.
    /// </summary>
    public bool? DemoKeys { get; set; }

    /// <summary>Per source (<c>Open311</c>, <c>Hotline12345</c>, <c>Cap</c>, <c>Iot</c>, <c>Isapi</c>, <c>Camera</c>, <c>Grid</c>).</summary>
    public Dictionary<string, FeedOptions> Feeds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keys that may read incidents and the quarantine (operators' tools).</summary>
    public List<string> ReadApiKeys { get; set; } = [];

    /// <summary>Events waiting for the batch writer; when full, feeds get 503 with Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int ChannelCapacity { get; set; } = 4096;

    /// <summary>Most requests one transaction commits.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>Seconds a sender is told to wait when the pipeline is full.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>Largest request body accepted; larger bodies get 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per second each API key may send (token bucket; bursts up to twice this).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecondPerKey { get; set; } = 500;

    /// <summary>Reports of the same catalog item closer than this join one open incident.</summary>
    [Range(1, 5000)]
    public double DuplicateRadiusMetres { get; set; } = 50;

    /// <summary>... and no further apart in time than this.</summary>
    [Range(1, 7 * 24 * 60)]
    public int DuplicateWindowMinutes { get; set; } = 120;

    public bool AreDemoKeysOn => DemoKeys == true;

    public FeedOptions For(FeedSource source) =>
        Feeds.TryGetValue(source.ToString(), out var feed) ? feed : new FeedOptions();
}

public sealed class FeedOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The key this source must present (Open311 <c>api_key</c>, <c>X-Api-Key</c> for the others).</summary>
    public string? ApiKey { get; set; }
}

/// <summary>Production has no default key: a feed that is on but has no key stops the host at start.</summary>
internal sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        if (options.AreDemoKeysOn)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = Enum.GetValues<FeedSource>()
            .Where(source => options.For(source) is { Enabled: true, ApiKey: null or "" })
            .Select(source => $"Ingest:Feeds:{source}:ApiKey is required while the {source} feed is enabled (or set Ingest:Feeds:{source}:Enabled=false; Ingest:DemoKeys=true is for the demo only).")
            .ToList();
        failures.AddRange(Enum.GetValues<FeedSource>()
            .Where(source => options.For(source).ApiKey == IngestOptions.DemoKey)
            .Select(source => $"Ingest:Feeds:{source}:ApiKey must not be the public demo key outside the demo."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
