using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ImmersiveLab.Sandbox.Telemetry;

/// <summary>
/// The sandbox's meter (<see cref="SandboxTelemetry.MeterName"/>): admission to the server's run slots, learner
/// statements, sandbox creations and what exists now. Names follow OpenTelemetry's conventions, units UCUM; labels
/// come from bounded sets (outcomes, a statement's first keyword from a fixed list, configured server keys).
/// </summary>
public sealed class SandboxMetrics
{
    /// <summary>Bucket boundaries (seconds) for what a learner waits for: from a few milliseconds to the 2-minute queue limit.</summary>
    public static IReadOnlyList<double> SecondsBuckets { get; } =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 60, 120];

    public const string QueueWaitName = "immersivelab.run.queue.wait";

    private static readonly IReadOnlyList<long> RowBuckets = [0, 1, 5, 10, 20, 50, 100, 500, 1000, 10_000, 100_000];
    private static readonly IReadOnlyList<long> ByteBuckets = [0, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216];

    private readonly Meter _meter;
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _statementDuration;
    private readonly Histogram<long> _statementRows;
    private readonly Histogram<long> _statementBytes;
    private readonly Histogram<double> _sandboxCreation;

    public SandboxMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(SandboxTelemetry.MeterName);
        _queueWait = _meter.CreateHistogram(QueueWaitName, "s",
            "Time a learner's run waited for a free slot of the server (0 when one was free).", advice: Seconds);
        _statementDuration = _meter.CreateHistogram("immersivelab.statement.duration", "s",
            "Time of one learner statement in their sandbox: execution and reading its result.", advice: Seconds);
        _statementRows = _meter.CreateHistogram("immersivelab.statement.returned_rows", "{row}",
            "Rows a learner statement returned (counted beyond those kept, up to the lab's bound).",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = RowBuckets });
        _statementBytes = _meter.CreateHistogram("immersivelab.statement.result.size", "By",
            "Bytes of a learner statement's result kept for display.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = ByteBuckets });
        _sandboxCreation = _meter.CreateHistogram("immersivelab.sandbox.creation.duration", "s",
            "Time to make a learner's sandbox (database copied from the template, role, grants); its count is the sandboxes made.",
            advice: Seconds);
    }

    private static InstrumentAdvice<double> Seconds { get; } = new() { HistogramBucketBoundaries = SecondsBuckets };

    public void QueueWaited(TimeSpan waited, string outcome) =>
        _queueWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(SandboxTelemetry.OutcomeTag, outcome));

    public void StatementRan(string command, string outcome, TimeSpan elapsed, long? rows, long bytes)
    {
        var tags = new TagList
        {
            { SandboxTelemetry.CommandTag, command },
            { SandboxTelemetry.OutcomeTag, outcome },
        };
        _statementDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome != Outcomes.Ok) return;
        var byCommand = new KeyValuePair<string, object?>(SandboxTelemetry.CommandTag, command);
        if (rows is { } n) _statementRows.Record(n, byCommand);
        _statementBytes.Record(bytes, byCommand);
    }

    public void SandboxCreated(string serverKey, TimeSpan elapsed, bool succeeded) =>
        _sandboxCreation.Record(elapsed.TotalSeconds, new TagList
        {
            { SandboxTelemetry.ServerTag, serverKey },
            { SandboxTelemetry.OutcomeTag, succeeded ? Outcomes.Ok : Outcomes.Error },
        });

    /// <summary>Runs holding a slot, runs waiting for one, and the number of slots.</summary>
    internal void ObserveAdmission(Func<int> running, Func<int> waiting, int capacity)
    {
        _meter.CreateObservableUpDownCounter("immersivelab.run.active", running, "{run}", "Learner runs holding one of the server's run slots now.");
        _meter.CreateObservableUpDownCounter("immersivelab.run.queue.length", waiting, "{run}", "Learner runs waiting for a free slot now.");
        _meter.CreateObservableUpDownCounter("immersivelab.run.slot.limit", () => capacity, "{run}", "Run slots of this app instance (Sandbox:MaxConcurrentRuns).");
    }

    internal void ObserveSessions(Func<int> open) =>
        _meter.CreateObservableUpDownCounter("immersivelab.sandbox.session.count", open, "{session}",
            "Learner SQL sessions open in this app instance.");

    internal void ObserveSandboxes(Func<IEnumerable<Measurement<int>>> perServer) =>
        _meter.CreateObservableUpDownCounter("immersivelab.sandbox.count", perServer, "{sandbox}",
            "Learner sandboxes that exist, per database server (read from the metadata database at most every 30 s).");

    /// <summary>Values of <see cref="SandboxTelemetry.OutcomeTag"/>.</summary>
    public static class Outcomes
    {
        public const string Ok = "ok";
        public const string Error = "error";
        public const string Cancelled = "cancelled";
        public const string TimedOut = "timed_out";
        public const string Admitted = "admitted";
    }
}
