using BenchmarkDotNet.Running;
using ImmersiveLab.Bench;
using ImmersiveLab.Bench.ResultsRender;

// A measured mode of its own: a browser journey against psql is timed end to end, not by BenchmarkDotNet.
if (args.Length > 0 && args[0] == ResultsRenderBench.Mode) return await ResultsRenderBench.RunAsync(args);

BenchmarkSwitcher.FromAssembly(typeof(SandboxCreationBenchmarks).Assembly).Run(args, BenchConfig.Create());
return 0;
