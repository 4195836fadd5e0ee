using BenchmarkDotNet.Running;
using ImmersiveLab.Bench;
using ImmersiveLab.Bench.Classroom;
using ImmersiveLab.Bench.Imaging;
using ImmersiveLab.Bench.ClassroomBrowser;
using ImmersiveLab.Bench.ResultsRender;

// Measured modes of their own (a load test, a browser journey against psql), timed end to end, not by BenchmarkDotNet.
if (args.Length > 0 && args[0] == "classroom-load")
    return await ClassroomLoadTest.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == ResultsRenderBench.Mode) return await ResultsRenderBench.RunAsync(args);
if (args.Length > 0 && args[0] == EmbeddingProfile.Mode) return await EmbeddingProfile.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == ImportThroughput.Mode) return await ImportThroughput.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == ImmersiveLab.Bench.SqlAssist.SqlAssistBench.Mode) return await ImmersiveLab.Bench.SqlAssist.SqlAssistBench.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == ClassroomBrowserBench.Mode) return await ClassroomBrowserBench.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == ImmersiveLab.Bench.ResultMemory.ResultMemoryBench.Mode) return await ImmersiveLab.Bench.ResultMemory.ResultMemoryBench.RunAsync(args);

BenchmarkSwitcher.FromAssembly(typeof(SandboxCreationBenchmarks).Assembly).Run(args, BenchConfig.Create());
return 0;
