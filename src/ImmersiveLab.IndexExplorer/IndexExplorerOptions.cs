namespace ImmersiveLab.IndexExplorer;

/// <summary>Limits and defaults of the index explorer. Bound from the "IndexExplorer" section.</summary>
public sealed class IndexExplorerOptions
{
    public const string SectionName = "IndexExplorer";

    // ---- Dataset limits (the "100 000 × 1280 on this class of machine") ----
    public int MaxRows { get; set; } = 100_000;
    public int MaxDimensions { get; set; } = 1280;
    public int MaxQueries { get; set; } = 500;
    public int MaxClusters { get; set; } = 1000;

    // ---- Time limits (statement_timeout on the explorer's own connections) ----
    /// <summary>The bulk load (one COPY) may run this long.</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>One CREATE INDEX may run this long.</summary>
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>One search statement of a sweep (exact ones are the slow ones) may run this long.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The lab's watchdog cancels learner backends after Sandbox:WatchdogHardLimit (60 s); the explorer's connections
    /// (<see cref="ApplicationName"/>) get the longest of the three time limits above plus this, unless
    /// Sandbox:WatchdogApplicationLimits names them itself.
    /// </summary>
    public TimeSpan WatchdogMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest any one explorer statement may run (its statement_timeout).</summary>
    public TimeSpan LongestStatement => new[] { LoadTimeout, BuildTimeout, QueryTimeout }.Max();

    /// <summary>How often the build's progress is read from pg_stat_progress_create_index.</summary>
    public TimeSpan ProgressPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>Report load progress after this many rows.</summary>
    public int LoadProgressEveryRows { get; set; } = 1000;

    /// <summary>
    /// maintenance_work_mem of the explorer's loads and builds (an HNSW graph that does not fit is built more slowly, on
    /// disk). Set on each build's own connection, so a class's builds take at most this times
    /// <see cref="MaxConcurrentBuilds"/>, whatever the role's default. Null keeps the role's.
    /// </summary>
    public string? BuildMaintenanceWorkMem { get; set; } = "256MB";
    /// <summary>Dataset loads and index builds running at once in this app (all learners); the others wait their turn. 0: half the cores, at least 1.</summary>
    public int MaxConcurrentBuilds { get; set; }
    /// <summary>max_parallel_maintenance_workers for builds; null keeps the server's. 0 gives steadier progress reports.</summary>
    public int? BuildParallelWorkers { get; set; }

    // ---- Sweep defaults ----
    public int DefaultK { get; set; } = 10;
    public int MaxK { get; set; } = 100;
    public int[] DefaultEfSearch { get; set; } = [10, 20, 40, 80, 160];
    public int[] DefaultProbes { get; set; } = [1, 2, 4, 8, 16];
    /// <summary>Two distances this close (relative) count as a tie when recall is computed.</summary>
    public double TieTolerance { get; set; } = 1e-4;

    /// <summary>application_name of the explorer's connections (so the watchdog and pg_stat_activity can tell them apart).</summary>
    public string ApplicationName { get; set; } = "immersivelab-explorer";
    /// <summary>Connections the explorer may hold per learner (a learner role has a small connection limit).</summary>
    public int MaxConnectionsPerLearner { get; set; } = 2;
}
