using BenchmarkDotNet.Running;
using ImmersiveLab.Bench;
using ImmersiveLab.Bench.Classroom;

if (args.Length > 0 && args[0] == "classroom-load")
    return await ClassroomLoadTest.RunAsync(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(SandboxCreationBenchmarks).Assembly).Run(args, BenchConfig.Create());
return 0;
