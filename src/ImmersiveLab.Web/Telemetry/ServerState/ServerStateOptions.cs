namespace ImmersiveLab.Web.Telemetry.ServerState;

/// <summary>How the instructor's server panel judges the server (section "Telemetry:ServerState").</summary>
public sealed class ServerStateOptions
{
    public const string SectionName = "Telemetry:ServerState";

    /// <summary>The span of the Run time percentile (p95 over the last 5 minutes).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The span of "runs per minute" and of the average queue wait the verdict is based on.</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Runs waiting this long on average for a free slot: the server is saturated (the class has outgrown it).</summary>
    public TimeSpan SaturatedQueueWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs waiting this long on average: the server is busy.</summary>
    public TimeSpan BusyQueueWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The machine's CPU this busy (0 to 1, all cores): the server is busy.</summary>
    public double BusyCpu { get; set; } = 0.9;

    /// <summary>Fewer runs than this in the recent window say nothing about waiting (one slow start is not a saturated server).</summary>
    public int MinimumRuns { get; set; } = 5;

    /// <summary>How often the panel reads the numbers again.</summary>
    public TimeSpan Refresh { get; set; } = TimeSpan.FromSeconds(5);

    public string? Validate() =>
        Window <= TimeSpan.Zero || RecentWindow <= TimeSpan.Zero || RecentWindow > Window
            ? "Telemetry:ServerState:Window and RecentWindow must be positive, RecentWindow at most Window."
        : BusyQueueWait <= TimeSpan.Zero || SaturatedQueueWait < BusyQueueWait
            ? "Telemetry:ServerState:BusyQueueWait must be positive and at most SaturatedQueueWait."
        : BusyCpu is <= 0 or > 1 ? "Telemetry:ServerState:BusyCpu must be more than 0 and at most 1."
        : MinimumRuns < 1 ? "Telemetry:ServerState:MinimumRuns must be at least 1."
        : Refresh < TimeSpan.FromSeconds(1) ? "Telemetry:ServerState:Refresh must be at least 1 second."
        : null;
}
