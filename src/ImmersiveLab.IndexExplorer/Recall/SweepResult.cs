namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>A sweep over a dataset: the exact reference point(s) and every index's points.</summary>
public sealed record SweepResult(string Table, int K, int Queries, IReadOnlyList<SweepPoint> Exact, IReadOnlyList<SweepPoint> Points, TimeSpan Elapsed)
{
    /// <summary>Points grouped into one series per index (in sweep order), for the chart.</summary>
    public IEnumerable<IGrouping<string, SweepPoint>> Series => Points.GroupBy(p => p.Series);
}

/// <summary>How far a sweep is: runs done of runs planned (one run = one setting over all queries).</summary>
public sealed record SweepProgress(int RunsDone, int RunsTotal, string Current)
{
    public double Fraction => RunsTotal == 0 ? 0 : (double)RunsDone / RunsTotal;
}
