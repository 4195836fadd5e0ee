namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>A sweep over a dataset: the exact reference point(s) and every index's points.</summary>
public sealed record SweepResult(string Table, int K, int Queries, IReadOnlyList<SweepPoint> Exact, IReadOnlyList<SweepPoint> Points, TimeSpan Elapsed)
{
    /// <summary>Points grouped into one series per index (in sweep order), for the chart.</summary>
    public IEnumerable<IGrouping<string, SweepPoint>> Series => Points.GroupBy(p => p.Series);
}

/// <summary>
/// How far a sweep is: runs done of runs planned (one run = one setting over all queries), and queries done of the
/// current run (an exact scan of 100 000 × 1280 takes about a second per query).
/// </summary>
public sealed record SweepProgress(int RunsDone, int RunsTotal, string Current, int QueriesDone = 0, int QueriesTotal = 0)
{
    public double Fraction => RunsTotal == 0 ? 0
        : Math.Min(1, (RunsDone + (QueriesTotal == 0 ? 0 : (double)QueriesDone / QueriesTotal)) / RunsTotal);
}
