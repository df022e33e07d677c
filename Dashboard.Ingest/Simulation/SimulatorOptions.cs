using System.ComponentModel.DataAnnotations;

namespace Dashboard.Ingest.Simulation;

/// <summary>The replay simulator. Bound from the <c>Simulator</c> section; <c>--Simulator:Enabled=false</c> turns it off.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Off unless configured: the demo's appsettings turns it on at a gentle rate.</summary>
    public bool Enabled { get; set; }

    /// <summary>Messages per second at the busiest hour of the day; quieter hours send fewer.</summary>
    [Range(0.01, 100_000)]
    public double EventsPerSecond { get; set; } = 1;

    /// <summary>Simulated seconds per real second: 1 follows the real clock, 1440 plays a whole day in a minute.</summary>
    [Range(0.001, 100_000)]
    public double TimeScale { get; set; } = 1;

    /// <summary>Where to send; empty means this process's own first HTTP address.</summary>
    public string? TargetUrl { get; set; }

    /// <summary>The key sent with every message (the demo key in the demo).</summary>
    public string ApiKey { get; set; } = IngestOptions.DemoKey;

    /// <summary>Same seed, same day: runs are repeatable.</summary>
    public int Seed { get; set; } = 20261123;

    /// <summary>Share of messages sent broken on purpose, to keep the quarantine honest.</summary>
    [Range(0, 1)]
    public double MalformedShare { get; set; } = 0.01;

    /// <summary>
    /// Seconds between two position uploads of one simulated grid worker (<see cref="CityDay.PatrollerCount"/> of them,
    /// 07:00–22:00 local); 0 sends no positions.
    /// </summary>
    [Range(0, 3600)]
    public double PatrolSeconds { get; set; } = 30;

    /// <summary>Share of messages sent twice, as real senders retry.</summary>
    [Range(0, 1)]
    public double RepeatShare { get; set; } = 0.05;
}
