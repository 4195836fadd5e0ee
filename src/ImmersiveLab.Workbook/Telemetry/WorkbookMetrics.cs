using System.Diagnostics.Metrics;

namespace ImmersiveLab.Workbook.Telemetry;

/// <summary>
/// The workbook's meter (<see cref="WorkbookTelemetry.MeterName"/>): how long a learner's Run takes on the server, and
/// what checking exercises finds. A histogram's count is the number of events, so there is no separate counter.
/// </summary>
public sealed class WorkbookMetrics
{
    /// <summary>Seconds, from a few milliseconds to the 2-minute queue limit (fine enough for p50/p95 from the buckets).</summary>
    public static IReadOnlyList<double> SecondsBuckets { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 30, 45, 60, 120];

    public const string RunDurationName = "immersivelab.run.duration";
    public const string CheckDurationName = "immersivelab.check.duration";

    private readonly Histogram<double> _runDuration;
    private readonly Histogram<double> _checkDuration;

    public WorkbookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(WorkbookTelemetry.MeterName);
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        _runDuration = meter.CreateHistogram(RunDurationName, "s",
            "A learner's Run on the server: from the circuit event received to the render batch that carries the answer going out.",
            advice: seconds);
        _checkDuration = meter.CreateHistogram(CheckDurationName, "s",
            "Checking an exercise after its run; its count per outcome is the check outcomes.", advice: seconds);
    }

    public void RunCompleted(RunLabels labels, string outcome, TimeSpan elapsed) =>
        _runDuration.Record(elapsed.TotalSeconds, labels.Tags(outcome));

    public void Checked(RunLabels labels, string outcome, TimeSpan elapsed) =>
        _checkDuration.Record(elapsed.TotalSeconds, labels.Tags(outcome));
}
