using System.Diagnostics;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// CPU seconds used so far by the app, by its PostgreSQL (postmaster and backends) and by the client side (this
/// bench with Playwright's driver and the Chromium processes). A backend that exited is counted through its parent's
/// reaped-children time, so a difference of two snapshots holds every process that ran in between.
/// </summary>
public sealed record CpuSnapshot(TimeSpan At, double App, double Postgres, IReadOnlyDictionary<string, double> ClientByKind)
{
    public double Client => ClientByKind.Values.Sum();

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static CpuSnapshot Take(int appPid, int? postmasterPid)
    {
        var table = ProcFs.All();
        var app = ProcFs.Tree(appPid, table).Select(p => p.Pid).ToHashSet();
        var postgres = postmasterPid is { } pm ? ProcFs.Tree(pm, table).ToList() : [];
        var server = app.Concat(postgres.Select(p => p.Pid)).ToHashSet();
        var client = ProcFs.Tree(Environment.ProcessId, table).Where(p => !server.Contains(p.Pid))
            .GroupBy(p => ProcFs.Kind(p.Pid))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.OwnSeconds + p.ReapedChildrenSeconds));
        return new CpuSnapshot(
            Clock.Elapsed,
            table.TryGetValue(appPid, out var a) ? a.OwnSeconds : 0,
            postgres.Sum(p => p.OwnSeconds + p.ReapedChildrenSeconds),
            client);
    }

    /// <summary>What was used between <paramref name="start"/> and this snapshot.</summary>
    public CpuUsage Since(CpuSnapshot start)
    {
        var wall = (At - start.At).TotalSeconds;
        var byKind = ClientByKind.ToDictionary(k => k.Key, k => k.Value - start.ClientByKind.GetValueOrDefault(k.Key));
        return new CpuUsage(wall, App - start.App, Postgres - start.Postgres, Client - start.Client, Environment.ProcessorCount, byKind);
    }
}

/// <summary>CPU seconds over a wall-clock interval, and the share of the machine's cores they are.</summary>
/// <remarks>
/// <see cref="ClientSecondsByKind"/> splits the client side (renderers, the software GPU process, the browser process,
/// Playwright's driver, the bench); a process that exited between the snapshots moves its time to its parent's kind.
/// </remarks>
public sealed record CpuUsage(
    double WallSeconds, double AppSeconds, double PostgresSeconds, double ClientSeconds, int Cores, IReadOnlyDictionary<string, double> ClientSecondsByKind)
{
    public double ServerSeconds => AppSeconds + PostgresSeconds;
    public double ServerPercentOfMachine => Percent(ServerSeconds);
    public double AppPercentOfMachine => Percent(AppSeconds);
    public double PostgresPercentOfMachine => Percent(PostgresSeconds);
    public double ClientPercentOfMachine => Percent(ClientSeconds);

    private double Percent(double seconds) => WallSeconds <= 0 ? 0 : 100 * seconds / (WallSeconds * Cores);
}
