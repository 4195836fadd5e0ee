using System.Globalization;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// Puts the learners' browsers in Linux's idle scheduling class (SCHED_IDLE: they run only on CPU nobody else wants),
/// so the app and PostgreSQL get the cores first, as when every browser is on its learner's own laptop. Playwright's
/// driver is started through <c>chrt --idle 0</c> (its PLAYWRIGHT_NODEJS_PATH pointed at a wrapper script), and the
/// driver starts Chromium: every Chromium process, renderers included, inherits the class.
/// </summary>
public static class IdleScheduling
{
    /// <summary>sched_setscheduler's policy numbers as /proc/[pid]/stat reports them.</summary>
    private static readonly IReadOnlyDictionary<int, string> Policies = new Dictionary<int, string>
    {
        [0] = "SCHED_OTHER", [1] = "SCHED_FIFO", [2] = "SCHED_RR", [3] = "SCHED_BATCH", [5] = "SCHED_IDLE", [6] = "SCHED_DEADLINE",
    };

    public const string Idle = "SCHED_IDLE";

    /// <summary>
    /// A wrapper for Playwright's node (the copy the bench's build carries) that runs it under <c>chrt --idle 0</c>;
    /// set PLAYWRIGHT_NODEJS_PATH to it before Playwright.CreateAsync.
    /// </summary>
    public static string DriverWrapper()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("SCHED_IDLE is Linux's; use --browser-sched nice.");
        var node = Path.Combine(AppContext.BaseDirectory, ".playwright", "node", "linux-x64", "node");
        if (!File.Exists(node)) throw new InvalidOperationException($"Playwright's node is not at {node}.");
        var chrt = new[] { "/usr/bin/chrt", "/bin/chrt" }.FirstOrDefault(File.Exists)
                   ?? throw new InvalidOperationException("chrt (util-linux) is needed for --browser-sched idle; or use --browser-sched nice.");
        var dir = Directory.CreateTempSubdirectory("imlab-idle-").FullName;
        var wrapper = Path.Combine(dir, "node");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec {chrt} --idle 0 '{node}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
    }

    /// <summary>The scheduling policy of a process's main thread (field 41 of /proc/[pid]/stat), or null when it is gone.</summary>
    public static string? Policy(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var policy = int.Parse(fields[41 - 3], CultureInfo.InvariantCulture);
        return Policies.GetValueOrDefault(policy, policy.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The client side's processes (Playwright's driver and Chromium, not the bench, not the server) by policy.</summary>
    public static IReadOnlyDictionary<string, int> ClientPolicies(int serverPid, int? postmasterPid)
    {
        var table = ProcFs.All();
        var server = ProcFs.Tree(serverPid, table).Select(p => p.Pid)
            .Concat(postmasterPid is { } pm ? ProcFs.Tree(pm, table).Select(p => p.Pid) : []).ToHashSet();
        return ProcFs.Tree(Environment.ProcessId, table)
            .Where(p => p.Pid != Environment.ProcessId && !server.Contains(p.Pid))
            .Select(p => (Kind: ProcFs.Kind(p.Pid), Policy: Policy(p.Pid)))
            .Where(p => p.Policy is not null)
            .GroupBy(p => $"{p.Kind}: {p.Policy}")
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
