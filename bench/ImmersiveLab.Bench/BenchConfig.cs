using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ImmersiveLab.Bench;

/// <summary>
/// Database operations take tens of milliseconds to seconds and change server state: measure each invocation once
/// (monitoring strategy), in process (the cluster is started once per benchmark class in GlobalSetup).
/// </summary>
public static class BenchConfig
{
    public static IConfig Create() => ManualConfig.CreateMinimumViable()
        .AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)) // 50 joins take tens of seconds
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(int.TryParse(Environment.GetEnvironmentVariable("BENCH_ITERATIONS"), out var n) ? n : 8)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
}
