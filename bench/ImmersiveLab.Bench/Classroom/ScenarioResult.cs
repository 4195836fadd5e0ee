namespace ImmersiveLab.Bench.Classroom;

/// <summary>The runs of one scenario: the class's, and the runaway learner's (empty in the class-alone scenario).</summary>
public sealed record ScenarioResult(string Name, IReadOnlyList<RunSample> Class, IReadOnlyList<RunSample> Runaway, TimeSpan Elapsed)
{
    public LatencySummary Latency => LatencySummary.Of(Class.Select(s => s.Latency));
    public LatencySummary QueueWait => LatencySummary.Of(Class.Select(s => s.Queued));
    public int Queued => Class.Count(s => s.QueuePosition > 0);
    public int MaxQueuePosition => Class.Select(s => s.QueuePosition).DefaultIfEmpty().Max();
    public IReadOnlyList<RunSample> Errors => Class.Where(s => s.Error is not null).ToList();
    public double RunsPerSecond => Class.Count / Elapsed.TotalSeconds;
}
