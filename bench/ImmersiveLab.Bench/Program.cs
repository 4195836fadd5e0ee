using BenchmarkDotNet.Running;
using ImmersiveLab.Bench;

BenchmarkSwitcher.FromAssembly(typeof(SandboxCreationBenchmarks).Assembly).Run(args, BenchConfig.Create());
