using System.Globalization;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>What Linux's /proc says about processes: memory, CPU time, parents. A vanished process reads as absent.</summary>
public static class ProcFs
{
    /// <summary>Clock ticks per second of /proc/[pid]/stat's CPU fields (USER_HZ; 100 on every Linux this runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>One line of /proc/[pid]/stat: parent and CPU seconds (own, and of waited-for children that exited).</summary>
    public sealed record ProcessCpu(int Pid, int ParentPid, double OwnSeconds, double ReapedChildrenSeconds);

    /// <summary>Resident memory (VmRSS) in bytes, or null when the process is gone.</summary>
    public static long? ResidentBytes(int pid) => StatusField(pid, "VmRSS:");

    /// <summary>Proportional set size (shared pages divided among their users) in bytes, or null.</summary>
    public static long? ProportionalBytes(int pid)
    {
        var lines = ReadLines($"/proc/{pid}/smaps_rollup");
        return lines is null ? null : Kilobytes(lines, "Pss:");
    }

    public static ProcessCpu? Cpu(int pid)
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
        // The command name, in parentheses, may hold spaces: the numeric fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int statIndex) => double.Parse(fields[statIndex - 3], CultureInfo.InvariantCulture);
        return new ProcessCpu(pid, (int)Field(4),
            (Field(14) + Field(15)) / TicksPerSecond,   // utime + stime
            (Field(16) + Field(17)) / TicksPerSecond);  // cutime + cstime
    }

    /// <summary>Every process now, by pid.</summary>
    public static Dictionary<int, ProcessCpu> All()
    {
        var all = new Dictionary<int, ProcessCpu>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Cpu(pid) is { } cpu)
                all[pid] = cpu;
        return all;
    }

    /// <summary>The process and all its descendants in <paramref name="table"/>.</summary>
    public static IEnumerable<ProcessCpu> Tree(int root, IReadOnlyDictionary<int, ProcessCpu> table)
    {
        var children = table.Values.ToLookup(p => p.ParentPid);
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            if (!table.TryGetValue(pid, out var process)) continue;
            yield return process;
            foreach (var child in children[pid]) pending.Push(child.Pid);
        }
    }

    /// <summary>What a client-side process is, from its command line: the bench, Playwright's driver, or a Chromium process by type.</summary>
    public static string Kind(int pid)
    {
        string[] args;
        try
        {
            args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            // Chromium rewrites its command line as one string (its process title): split that on spaces.
            if (args.Length == 1) args = args[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "gone";
        }
        if (pid == Environment.ProcessId) return "bench";
        if (args.Length == 0) return "other";
        var program = Path.GetFileName(args[0]);
        if (program == "node") return "playwright driver";
        if (!program.StartsWith("chrom", StringComparison.Ordinal)) return program;
        var type = args.FirstOrDefault(a => a.StartsWith("--type=", StringComparison.Ordinal))?["--type=".Length..];
        return type switch
        {
            null => "chromium browser",
            "renderer" => "chromium renderers",
            "gpu-process" => "chromium gpu (software)",
            _ => "chromium " + type,
        };
    }

    /// <summary>
    /// Sets the nice value of every thread of the process (Linux's nice is per thread; a process forked later inherits
    /// the value of the thread that forked it). Threads that ended in the meantime are skipped.
    /// </summary>
    public static void Renice(int pid, int nice)
    {
        IEnumerable<string> threads;
        try
        {
            threads = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var thread in threads)
            if (int.TryParse(Path.GetFileName(thread), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                _ = SetPriority(PrioProcess, tid, nice);
    }

    private const int PrioProcess = 0;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    private static long? StatusField(int pid, string name)
    {
        var lines = ReadLines($"/proc/{pid}/status");
        return lines is null ? null : Kilobytes(lines, name);
    }

    private static long? Kilobytes(IEnumerable<string> lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        if (line is null) return null;
        var number = line[name.Length..].Trim().Split(' ')[0];
        return long.Parse(number, CultureInfo.InvariantCulture) * 1024;
    }

    private static string[]? ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
