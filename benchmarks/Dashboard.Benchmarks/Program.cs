using System.Reflection;
using BenchmarkDotNet.Running;

// Not typeof(Program): Dashboard.Ingest (referenced for its parsers) exposes a public Program too.
BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
