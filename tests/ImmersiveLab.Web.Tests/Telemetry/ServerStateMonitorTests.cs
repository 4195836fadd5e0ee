using ImmersiveLab.Database;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Telemetry;
using ImmersiveLab.Web.Telemetry;
using ImmersiveLab.Web.Telemetry.ServerState;
using ImmersiveLab.Workbook.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Web.Tests.Telemetry;

/// <summary>
/// The server panel's numbers read in-process from the app's own meters (no database: the admission and the windows are
/// memory only; the sandbox count is not read before the server starts).
/// </summary>
public sealed class ServerStateMonitorTests : IAsyncLifetime
{
    private static readonly RunLabels Labels = new("welcome", 2, "runnable");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-08T09:00:00Z"));
    private readonly ServiceProvider _services;

    public ServerStateMonitorTests()
    {
        _services = Services(_time, new Dictionary<string, string?> { ["Sandbox:MaxConcurrentRuns"] = "2" });
    }

    private static ServiceProvider Services(TimeProvider time, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddLogging();
        services.AddLabDatabase(configuration);
        services.AddSandboxes(configuration, backgroundServices: false);
        services.AddMetrics();
        services.AddSingleton<WorkbookMetrics>();
        services.AddSingleton<ConnectedLearners>();
        services.AddSingleton<IMachineUsage>(new QuietMachine());
        services.AddOptions<ServerStateOptions>();
        services.AddSingleton<ServerStateMonitor>();
        return services.BuildServiceProvider();
    }

    private T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    [Fact]
    public void Runs_that_wait_8_s_for_a_slot_make_the_class_saturated()
    {
        var monitor = Get<ServerStateMonitor>();
        var runs = Get<WorkbookMetrics>();
        var sandbox = Get<SandboxMetrics>();

        for (var i = 1; i <= 20; i++)
        {
            sandbox.QueueWaited(TimeSpan.FromSeconds(8), SandboxMetrics.Outcomes.Admitted);
            runs.RunCompleted(Labels, RunMeasurement.Ok, TimeSpan.FromSeconds(i / 10.0));
        }

        var state = monitor.Current();
        Assert.Equal(20, state.RunsPerMinute);
        Assert.Equal(TimeSpan.FromSeconds(1.9), state.RunP95); // the 19th of 20 (nearest rank)
        Assert.Equal(TimeSpan.FromSeconds(8), state.AverageQueueWait);
        Assert.Equal(new ServerVerdict(ServerLoad.Saturated, ServerLoadReason.QueueWait, 8), state.Verdict);
        Assert.Equal(2, state.RunSlots);
    }

    [Fact]
    public void Five_minutes_later_the_runs_are_gone_and_the_server_is_fine()
    {
        var monitor = Get<ServerStateMonitor>();
        for (var i = 0; i < 10; i++)
        {
            Get<SandboxMetrics>().QueueWaited(TimeSpan.FromSeconds(8), SandboxMetrics.Outcomes.Admitted);
            Get<WorkbookMetrics>().RunCompleted(Labels, RunMeasurement.Ok, TimeSpan.FromSeconds(9));
        }
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, monitor.Current().RunsPerMinute); // per minute: the last minute
        Assert.Equal(TimeSpan.FromSeconds(9), monitor.Current().RunP95); // p95: the last 5 minutes
        Assert.Equal(ServerLoad.Ok, monitor.Current().Verdict.Load); // the wait is judged on the last minute

        _time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        Assert.Null(monitor.Current().RunP95);
    }

    [Fact]
    public async Task Queued_runs_are_those_waiting_for_a_slot_now()
    {
        var monitor = Get<ServerStateMonitor>();
        var admission = Get<RunAdmission>();
        using var first = await admission.EnterAsync(null, CancellationToken.None);
        using var second = await admission.EnterAsync(null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var third = admission.EnterAsync(null, cancel.Token);

        var state = monitor.Current();
        Assert.Equal(1, state.QueuedRuns);
        Assert.Equal(2, state.RunningRuns);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
        Assert.Equal(0, monitor.Current().QueuedRuns);
    }

    [Fact]
    public async Task Another_app_in_the_same_process_does_not_count()
    {
        var monitor = Get<ServerStateMonitor>();
        await using var other = Services(_time, []);

        other.GetRequiredService<WorkbookMetrics>().RunCompleted(Labels, RunMeasurement.Ok, TimeSpan.FromSeconds(1));

        Assert.Equal(0, monitor.Current().RunsPerMinute);
    }

    [Fact]
    public void A_busy_CPU_without_waiting_makes_a_busy_server()
    {
        var machine = (QuietMachine)Get<IMachineUsage>();
        machine.Cpu = 0.96;

        var state = Get<ServerStateMonitor>().Current();

        Assert.Equal(0.96, state.Cpu);
        Assert.Equal(new ServerVerdict(ServerLoad.Busy, ServerLoadReason.Cpu, 0.96), state.Verdict);
        Assert.Equal(16L << 30, state.MachineMemoryTotalBytes);
        Assert.True(state.AppMemoryBytes > 0);
        Assert.Null(state.Sandboxes); // not counted before the database started
    }

    [Fact]
    public void This_machine_s_CPU_and_memory_are_read()
    {
        var machine = new MachineUsage(TimeProvider.System);
        Assert.Null(machine.CpuShare()); // a share needs two readings
        var (used, total) = machine.Memory();
        Assert.True(total > 0);
        Assert.True(used is null || (used > 0 && used <= total));
    }

    private sealed class QuietMachine : IMachineUsage
    {
        public double? Cpu { get; set; } = 0.2;
        public double? CpuShare() => Cpu;
        public (long? Used, long? Total) Memory() => (4L << 30, 16L << 30);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
