using System.Diagnostics.Metrics;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Telemetry;
using ImmersiveLab.Workbook.Telemetry;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Web.Telemetry.ServerState;

/// <summary>
/// Reads the server's numbers in-process (singleton): it listens to the app's own Run-duration and queue-wait
/// histograms (those of this app's meter factory) and keeps them in sliding windows, and reads the run slots, the
/// sandboxes, the learners connected and the machine's CPU and memory when asked. Independent of the exporters: the
/// instructor's panel works with Telemetry:Metrics:Enabled off too.
/// </summary>
public sealed class ServerStateMonitor : IServerState, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly SlidingWindow _runs;
    private readonly SlidingWindow _queueWaits;
    private readonly RunAdmission _admission;
    private readonly SandboxCensus _census;
    private readonly ConnectedLearners _learners;
    private readonly IMachineUsage _machine;
    private readonly ServerStateOptions _options;
    private readonly TimeProvider _time;

    public ServerStateMonitor(IMeterFactory meters, RunAdmission admission, SandboxCensus census, ConnectedLearners learners,
        IMachineUsage machine, IOptions<ServerStateOptions> options, TimeProvider time)
    {
        _admission = admission;
        _census = census;
        _learners = learners;
        _machine = machine;
        _options = options.Value;
        _time = time;
        _runs = new SlidingWindow(_options.Window, time);
        _queueWaits = new SlidingWindow(_options.Window, time);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter.Scope, meters)) return;
            if (instrument is { Name: WorkbookMetrics.RunDurationName, Meter.Name: WorkbookTelemetry.MeterName }
                || instrument is { Name: SandboxMetrics.QueueWaitName, Meter.Name: SandboxTelemetry.MeterName })
                listener.EnableMeasurementEvents(instrument, instrument.Name == SandboxMetrics.QueueWaitName ? _queueWaits : _runs);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, state) => ((SlidingWindow)state!).Add(value));
        _listener.Start();
        _machine.CpuShare(); // the first reading: the panel's first share is measured from here
    }

    public TimeSpan Refresh => _options.Refresh;

    public ServerStateSnapshot Current()
    {
        var runs = _runs.Stats();
        var recentRuns = _runs.Stats(TimeSpan.FromMinutes(1));
        var waits = _queueWaits.Stats(_options.RecentWindow);
        var cpu = _machine.CpuShare();
        var (used, total) = _machine.Memory();
        var averageWait = waits.Mean is { } mean ? TimeSpan.FromSeconds(mean) : (TimeSpan?)null;
        return new ServerStateSnapshot
        {
            AsOf = _time.GetUtcNow(),
            RunsPerMinute = recentRuns.Count,
            RunP95 = runs.P95 is { } p95 ? TimeSpan.FromSeconds(p95) : null,
            Window = _options.Window,
            AverageQueueWait = averageWait,
            QueuedRuns = _admission.Waiting,
            RunningRuns = _admission.Running,
            RunSlots = _admission.Capacity,
            Cpu = cpu,
            Cores = Environment.ProcessorCount,
            AppMemoryBytes = Environment.WorkingSet,
            MachineMemoryUsedBytes = used,
            MachineMemoryTotalBytes = total,
            Sandboxes = _census.Total,
            LearnersConnected = _learners.Count,
            Verdict = SaturationRule.Judge(_options, waits.Count, averageWait, cpu),
        };
    }

    public void Dispose() => _listener.Dispose();
}
