using BenchmarkDotNet.Attributes;
using Dashboard.Ingest.Feeds.Telemetry;
using Dashboard.TestSupport;

namespace Dashboard.Benchmarks.Ingest;

/// <summary>
/// The telemetry hot path: a 100-reading batch parsed and evaluated. Target: 15,000 readings/s on one
/// core with room to spare, i.e. well under 6.7 ms per batch (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private readonly TelemetryParser _parser = new();
    private readonly ThresholdEvaluator _evaluator = new();
    private readonly List<AlarmTransition> _transitions = new(16);
    private byte[] _batch = [];
    private DeviceAlarmState[] _states = [];

    [GlobalSetup]
    public void Setup()
    {
        _batch = File.ReadAllBytes(Path.Combine(TestPaths.Assets, "samples", "telemetry", "chancheng_batch_100.json"));
        _states = new DeviceAlarmState[100];
    }

    [Benchmark]
    public int Parse_batch_of_100() => _parser.Parse(_batch).Readings.Count;

    [Benchmark]
    public int Parse_and_evaluate_batch_of_100()
    {
        var readings = _parser.Parse(_batch).Readings;
        _transitions.Clear();
        for (var i = 0; i < readings.Count; i++)
        {
            // Fresh state each run so the planted alarms raise every time, as in steady traffic with alarms.
            _states[i] = _evaluator.Evaluate(readings[i], DeviceAlarmState.Initial, _transitions);
        }

        return _transitions.Count;
    }
}
