using System.Reflection;
using BenchmarkDotNet.Running;
using Dashboard.Benchmarks.Ingest;
using Dashboard.Benchmarks.Live;
using Dashboard.Benchmarks.Triage;
using Dashboard.Benchmarks.Wall;

// `ingest-http` and `live-latency` are bounded end-to-end load runs (a whole server over loopback), not
// BenchmarkDotNet methods.
if (args.Length > 0 && args[0] == "ingest-http")
{
    return await HttpIngestLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "live-latency")
{
    return await LiveLatencyLoad.RunAsync(args[1..]);
}

// `wall-apply` drives Chromium: the wall's incidents layer timed in the browser.
if (args.Length > 0 && args[0] == "wall-apply")
{
    return await WallApplyBench.RunAsync(args[1..]);
}

// `triage-follow` measures a triage room's presenter → follower view relay against a running Dashboard process.
if (args.Length > 0 && args[0] == "triage-follow")
{
    return await RoomFollowLatency.RunAsync(args[1..]);
}

// Not typeof(Program): Dashboard.Ingest (referenced for its parsers) exposes a public Program too.
BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
