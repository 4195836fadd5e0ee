namespace ImmersiveLab.Sandbox;

/// <summary>Limits and timings for learner sandboxes and the SQL runner. Bound from the "Sandbox" section.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    // ---- Per-role server settings (ALTER ROLE … SET, and again as startup options of every session) ----
    // A learner can still SET any of them in their own session (PostgreSQL has no per-role ceiling): the watchdog
    // enforces what matters to the others (time, locks, memory), the maintenance sweep the disk.
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>The server closes a learner connection unused this long (the next Run reconnects and says so).</summary>
    public TimeSpan IdleSessionTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public string WorkMem { get; set; } = "16MB";
    public string MaintenanceWorkMem { get; set; } = "256MB";
    public string TempBuffers { get; set; } = "8MB";
    public double HashMemMultiplier { get; set; } = 2.0;
    /// <summary>maintenance_work_mem of the app's own connections to a sandbox: an HNSW build over 100k 1280-dimension
    /// vectors (the index explorer's largest) needs about this much to stay in memory.</summary>
    public string AppMaintenanceWorkMem { get; set; } = "1GB";
    /// <summary>Connections a learner role may hold (the session uses one; reconnects briefly overlap).</summary>
    public int ConnectionLimit { get; set; } = 4;
    // temp_file_limit is superuser-only: learners get the server's (Database:EmbeddedSettings:temp_file_limit).

    // ---- Disk ----
    /// <summary>Largest a sandbox database may grow (pg_database_size); "0": no limit. Past it, only statements that free
    /// space run, others run read-only; a statement running meanwhile is cancelled.</summary>
    public string MaxSandboxSize { get; set; } = "256MB";
    /// <summary>How often the maintenance loop measures every sandbox (and cancels statements of those over the limit).</summary>
    public TimeSpan QuotaSweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    // ---- Cell limits ----
    public int MaxCellChars { get; set; } = 100_000;
    public int MaxStatementChars { get; set; } = 20_000;
    public int MaxStatementsPerCell { get; set; } = 100;
    public int MaxRows { get; set; } = 1000;
    /// <summary>Rows beyond <see cref="MaxRows"/> are counted (not kept) up to this many; then the statement is stopped.</summary>
    public long CountRowsUpTo { get; set; } = 100_000;
    public int MaxValueBytes { get; set; } = 4 * 1024 * 1024;
    /// <summary>Bytes of rows one statement keeps (as received from the server; text takes about twice that in memory).</summary>
    public int MaxResultBytes { get; set; } = 16 * 1024 * 1024;
    /// <summary>Bytes of rows all the statements of one cell run keep together.</summary>
    public long MaxCellResultBytes { get; set; } = 32 * 1024 * 1024;
    /// <summary>
    /// Bytes of results one learner's pages keep at once (what their open steps show, in all tabs), the running cell's
    /// included: a run gets what is left. Results go when the learner leaves a step.
    /// </summary>
    public long MaxLearnerResultBytes { get; set; } = 48 * 1024 * 1024;
    /// <summary>How much of a truncated value is kept for display.</summary>
    public int TruncatedPrefixBytes { get; set; } = 2048;
    public int MaxNoticesPerStatement { get; set; } = 100;
    /// <summary>Largest file the large-object helpers take.</summary>
    public int MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The client stops waiting for a statement after this (beyond the server's statement_timeout,
    /// which a learner can turn off).</summary>
    public TimeSpan ClientDeadline { get; set; } = TimeSpan.FromSeconds(30);

    // ---- Capacity (per app instance) ----
    /// <summary>Learner runs executing at once; the others queue in order and see their position. 0: twice the cores, at least 4.</summary>
    public int MaxConcurrentRuns { get; set; }
    /// <summary>A run that found no free slot for this long is refused with "the lab is busy".</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Runs one learner may have running or waiting at once (from all their tabs); more are refused.</summary>
    public int MaxPendingRunsPerLearner { get; set; } = 3;
    /// <summary>How long a run keeps trying to reach a database that went away (e.g. restarting) before it gives up.</summary>
    public TimeSpan ReconnectWindow { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How often a sandbox server marked unavailable (Database:SandboxServers) is tried again (longer than a minute counts as a minute).</summary>
    public TimeSpan UnavailableServerRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    // ---- Watchdog (admin connection) ----
    public bool WatchdogEnabled { get; set; } = true;
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>A learner backend active longer than this is cancelled, then terminated after the grace period.</summary>
    public TimeSpan WatchdogHardLimit { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// Longer hard limits for the app's own backends in learner sandboxes, by the application name the app registered
    /// them under (the index explorer's builds), each at most <see cref="WatchdogApplicationLimitCeiling"/>; a learner's
    /// own application_name gets nothing. See <see cref="Maintenance.WatchdogLimits"/>.
    /// </summary>
    public Dictionary<string, TimeSpan> WatchdogApplicationLimits { get; set; } = new(StringComparer.Ordinal);
    /// <summary>No application limit is longer than this, whatever is configured.</summary>
    public TimeSpan WatchdogApplicationLimitCeiling { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan WatchdogGrace { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>A learner backend idle in a transaction longer than this is terminated (whatever it SET).</summary>
    public TimeSpan WatchdogIdleInTransactionLimit { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>A learner backend holding more locks than this is terminated at once, idle or not (the lock table is
    /// shared by the whole server; see Database:EmbeddedSettings:max_locks_per_transaction).</summary>
    public int WatchdogMaxLocks { get; set; } = 1000;
    /// <summary>A learner backend of the embedded cluster whose private memory (RssAnon) passes this is terminated.</summary>
    public string WatchdogMemoryLimit { get; set; } = "1GB";
    /// <summary>The same for the app's own backends (index builds with <see cref="AppMaintenanceWorkMem"/>).</summary>
    public string WatchdogAppMemoryLimit { get; set; } = "2GB";

    // ---- Lifetime ----
    /// <summary>Sandboxes unused this long are dropped (progress is kept; the sandbox is recreated on next use). Null: never.</summary>
    public TimeSpan? IdleExpiry { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>A session's dedicated connection is closed after this long without use (its SETs and temp tables go).</summary>
    public TimeSpan SessionIdleClose { get; set; } = TimeSpan.FromMinutes(60);
    /// <summary>CREATE DATABASE strategy: null for the server default (WAL_LOG on PostgreSQL 15), or FILE_COPY.</summary>
    public string? CreateStrategy { get; set; }

    /// <summary>Make a learner's sandbox in the background as soon as they join a class, not on their first Run.</summary>
    public bool PrewarmOnJoin { get; set; } = true;

    /// <summary>The implicit learner of solo (self-paced) mode.</summary>
    public string SoloLearnerName { get; set; } = "me";

    internal static string Milliseconds(TimeSpan t) => ((long)t.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
