namespace ImmersiveLab.IndexExplorer.Indexes;

/// <summary>
/// One reading of pg_stat_progress_create_index for the build's backend. pgvector's HNSW reports the heap scan
/// (blocks) and the tuples inserted into the graph, IVFFlat its phases (k-means, assigning, loading) with tuples in
/// the last; GiST the heap scan. <see cref="Fraction"/> is null while nothing measurable moves (e.g. k-means).
/// </summary>
public sealed record BuildProgress(
    string Phase,
    long BlocksDone,
    long BlocksTotal,
    long TuplesDone,
    long TuplesTotal,
    TimeSpan Elapsed,
    long ExpectedTuples = 0,
    bool Finished = false)
{
    public double? Fraction
    {
        get
        {
            if (Finished) return 1;
            if (TuplesTotal > 0) return Clamp((double)TuplesDone / TuplesTotal);
            if (TuplesDone > 0 && ExpectedTuples > 0) return Clamp((double)TuplesDone / ExpectedTuples);
            if (BlocksTotal > 0) return Clamp((double)BlocksDone / BlocksTotal);
            return null;
        }
    }

    /// <summary>Waiting for other learners' loads and builds: the place in line (1: next); 0 once it runs.</summary>
    public int QueuePosition { get; init; }

    public bool IsWaiting => QueuePosition > 0;

    private static double Clamp(double f) => Math.Clamp(f, 0, 1);

    public static BuildProgress Starting(long expectedTuples) => new("starting", 0, 0, 0, 0, TimeSpan.Zero, expectedTuples);

    public static BuildProgress Waiting(long expectedTuples, int position) => Starting(expectedTuples) with { Phase = "waiting", QueuePosition = position };
}
