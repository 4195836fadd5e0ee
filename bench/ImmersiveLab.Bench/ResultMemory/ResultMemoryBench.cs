using System.Diagnostics;
using System.Globalization;

namespace ImmersiveLab.Bench.ResultMemory;

/// <summary>
/// <c>result-memory [--cli PATH/imlab.dll] [--skip-sql] [--skip-images]</c>: the process memory the security review's
/// memory attacks (F6, F12) cost. SQL: each attack is one <c>imlab sql</c> process (the app's SqlRunner) attached to an
/// embedded cluster, measured by <c>/usr/bin/time</c> (peak RSS); give another build's imlab.dll with --cli to measure
/// it too (e.g. the code before the fix). Images: each way of preparing a 6300×6300 PNG upload is a child process of
/// this benchmark (<see cref="DecodeMemoryProbe"/>) that reports its peak RSS and the managed bytes it allocated.
/// </summary>
public static class ResultMemoryBench
{
    public const string Mode = "result-memory";

    /// <summary>The attacks, as the review sent them (attempts 30, 31) and a reference.</summary>
    private static readonly (string Name, string Sql)[] SqlAttacks =
    [
        ("baseline: SELECT 1", "SELECT 1"),
        ("10 × 15 MB statements in one cell", string.Join(";\n", Enumerable.Repeat("SELECT repeat('x', 3000000) FROM generate_series(1, 5)", 10))),
        ("COPY of a 100 MB line", "COPY (SELECT repeat('x', 100000000)) TO STDOUT"),
        ("SELECT of a 100 MB value", "SELECT repeat('x', 100000000)"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 1 && args[1] == DecodeMemoryProbe.ChildFlag) return await DecodeMemoryProbe.RunChildAsync(args[2..]);
        Console.WriteLine($"{Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        if (!args.Contains("--skip-sql"))
        {
            var cli = Arg(args, "--cli") ?? Path.Combine(AppContext.BaseDirectory, "imlab.dll");
            Console.WriteLine($"\nimlab sql ({cli}): peak RSS of the whole command, attached to a running cluster");
            await using var cluster = await BenchCluster.StartAsync(createStrategy: null);
            await RunCliAsync(cli, cluster.DataDirectory, "SELECT 1"); // the learner's sandbox, created once
            foreach (var (name, sql) in SqlAttacks)
            {
                var (peakKb, seconds, lastLine) = await RunCliAsync(cli, cluster.DataDirectory, sql);
                Console.WriteLine($"  {name,-36} {peakKb / 1024.0,8:0} MB   {seconds,6:0.0} s   {lastLine}");
            }
        }

        if (!args.Contains("--skip-images"))
        {
            Console.WriteLine($"\nPreparing a 6300×6300 PNG upload ({DecodeMemoryProbe.GradientPng(6300, 6300).Length / 1024} kB file, 39.7 MP), one child process each");
            foreach (var (way, parallel) in new[] { ("twice", 1), ("once", 1), ("twice", 4), ("once-gated", 4), ("refused", 1) })
            {
                var line = await RunChildAsync(["--way", way, "--parallel", parallel.ToString(CultureInfo.InvariantCulture)]);
                Console.WriteLine($"  {way,-11} × {parallel}   {line}");
            }
        }
        return 0;
    }

    private static async Task<(long PeakKb, double Seconds, string LastLine)> RunCliAsync(string cli, string dataDirectory, string sql)
    {
        var start = new ProcessStartInfo("/usr/bin/time", ["-f", "%M", "dotnet", cli, "sql", "--learner", "bench-memory", sql])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Database__DataDirectory"] = dataDirectory;
        // The server needs time to make a 100 MB value on a loaded machine: the attacks are about memory, not time.
        start.Environment["Sandbox__StatementTimeout"] = "00:02:00";
        start.Environment["Sandbox__ClientDeadline"] = "00:03:00";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var errorLines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var peakKb = long.Parse(errorLines[^1].Trim(), CultureInfo.InvariantCulture);
        var outLines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var last = outLines.LastOrDefault(l => l.StartsWith('(')) ?? outLines.LastOrDefault() ?? "";
        return (peakKb, clock.Elapsed.TotalSeconds, last.Length > 110 ? last[..110] + "…" : last);
    }

    private static async Task<string> RunChildAsync(string[] childArgs)
    {
        var self = Environment.ProcessPath!;
        var arguments = self.EndsWith("dotnet", StringComparison.Ordinal)
            ? [typeof(ResultMemoryBench).Assembly.Location, Mode, DecodeMemoryProbe.ChildFlag, .. childArgs]
            : new[] { Mode, DecodeMemoryProbe.ChildFlag }.Concat(childArgs).ToArray();
        var start = new ProcessStartInfo(self, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output.Trim() : $"failed ({process.ExitCode}): {error.Trim()}";
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
