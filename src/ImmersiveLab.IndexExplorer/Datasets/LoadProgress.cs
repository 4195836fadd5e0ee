namespace ImmersiveLab.IndexExplorer.Datasets;

public enum LoadStage { Waiting, Preparing, LoadingRows, LoadingQueries, Indexing, Analyzing, Done }

/// <summary>How far a dataset load is. <see cref="Fraction"/> covers the whole load (rows dominate).</summary>
public sealed record LoadProgress(LoadStage Stage, long RowsDone, long RowsTotal, TimeSpan Elapsed)
{
    /// <summary>While <see cref="LoadStage.Waiting"/>: the place in line behind other learners' loads and builds (1: next).</summary>
    public int QueuePosition { get; init; }

    public double Fraction => Stage switch
    {
        LoadStage.Waiting or LoadStage.Preparing => 0,
        LoadStage.LoadingRows => RowsTotal == 0 ? 0 : 0.9 * RowsDone / RowsTotal,
        LoadStage.LoadingQueries => 0.9,
        LoadStage.Indexing => 0.93,
        LoadStage.Analyzing => 0.96,
        _ => 1,
    };
}
