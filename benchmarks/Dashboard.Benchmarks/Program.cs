using System.Reflection;
using BenchmarkDotNet.Running;
using Dashboard.Benchmarks.Ingest;
using Dashboard.Benchmarks.Triage;

// `ingest-http` is a bounded end-to-end load run (a whole server over loopback), not a BenchmarkDotNet method.
if (args.Length > 0 && args[0] == "ingest-http")
{
    return await HttpIngestLoad.RunAsync(args[1..]);
}

// `triage-follow` measures a triage room's presenter → follower view relay against a running Dashboard process.
if (args.Length > 0 && args[0] == "triage-follow")
{
    return await RoomFollowLatency.RunAsync(args[1..]);
}

// Not typeof(Program): Dashboard.Ingest (referenced for its parsers) exposes a public Program too.
BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
