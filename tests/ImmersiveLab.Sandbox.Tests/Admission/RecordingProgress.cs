using ImmersiveLab.Sandbox.Admission;

namespace ImmersiveLab.Sandbox.Tests.Admission;

/// <summary>Keeps every wait report, synchronously (Progress&lt;T&gt; would post them later to a pool thread).</summary>
public sealed class RecordingProgress : IProgress<RunWait>
{
    private readonly List<RunWait> _reports = [];

    public IReadOnlyList<RunWait> Reports
    {
        get { lock (_reports) return _reports.ToList(); }
    }

    public IReadOnlyList<int> Positions => Reports.Where(r => r.Kind == RunWaitKind.Queued).Select(r => r.Position).ToList();

    public RunWait? Last => Reports.LastOrDefault();

    public void Report(RunWait value)
    {
        lock (_reports) _reports.Add(value);
    }
}
