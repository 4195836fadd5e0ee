using ImmersiveLab.BrowserSupport.App;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ImmersiveLab.Bench.ResultsRender;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// Issue 13's class load test through the browser: the real app as its own process, real Chromium, real PostgreSQL.
/// Exit code 0 when every goal is met (no dead page, every cell answered, class p95 within 3× solo), 1 when one is
/// missed, 2 for bad arguments, 3 when cancelled or timed out.
/// </summary>
public static class ClassroomBrowserBench
{
    public const string Mode = "classroom-browser";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ClassroomBrowserOptions options;
        LabWalkPlan plan;
        try
        {
            options = ClassroomBrowserOptions.Parse(args);
            plan = LabWalkPlan.Load(options.Labs);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using var cts = new CancellationTokenSource(options.Timeout);
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true; // stop the app, its database and the browsers on the way out
            cts.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            var summary = await RunAsync(options, plan, cts.Token);
            return summary.Goals.AllMet ? 0 : 1;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.Error.WriteLine("classroom-browser: cancelled or timed out (--timeout); the app and browsers were stopped.");
            return 3;
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }

    private static async Task<ClassroomBrowserSummary> RunAsync(ClassroomBrowserOptions options, LabWalkPlan plan, CancellationToken ct)
    {
        var root = BenchPaths.Root;
        var startedAt = DateTimeOffset.Now;
        var json = options.JsonPath ?? Path.Combine(root, "BenchmarkDotNet.Artifacts", "classroom-browser",
            $"classroom-browser-{options.Learners}-{startedAt:yyyyMMdd-HHmmss}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        var log = Path.ChangeExtension(json, ".app.log");
        Console.WriteLine($"classroom-browser: {options.Learners} learners, labs {string.Join(", ", options.Labs)}: " +
                          $"{plan.Steps} steps, {plan.Runs} runs ({plan.Exercises} exercises) per learner");

        string appDirectory;
        if (options.AppDirectory is { } given)
        {
            appDirectory = given;
        }
        else
        {
            Console.WriteLine("publishing src/ImmersiveLab.Web (Release) into .lab/bench-app…");
            appDirectory = await AppPublisher.PublishAsync(root, ct);
        }
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var clock = Stopwatch.StartNew();
        await using var app = await LabAppProcess.StartAsync(appDirectory, root, token, log, ct);
        Console.WriteLine($"app pid {app.Pid} ready at {app.BaseUrl} in {clock.Elapsed.TotalSeconds:0} s (data {app.DataDirectory}, log {log})");
        await using var memory = new MemorySampler(app.Pid, app.PostmasterPid);
        await using var chromium = await ChromiumPool.LaunchAsync(options.BrowserCount, app.BaseUrl, options.IdleBrowsers, options.BrowserNice, app.Pid);

        var machine = string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9:0} GB, load average {LoadAverage()} at the start, .NET {Environment.Version}, Chromium {chromium.Version}");
        var summary = await new ClassroomRun(app, chromium, memory, plan, options).RunAsync(token, startedAt, machine, Commit(root), ct);
        ClassroomBrowserReport.Print(summary, Console.Out);
        await ClassroomBrowserReport.WriteJsonAsync(summary, json, ct);
        Console.WriteLine($"summary: {json}");
        return summary;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>The commit measured (with "+changes" when the work tree differs), or null without git.</summary>
    private static string? Commit(string root)
    {
        try
        {
            static string Git(string root, params string[] args)
            {
                var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in args) start.ArgumentList.Add(a);
                using var git = Process.Start(start)!;
                var output = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return output;
            }
            var head = Git(root, "rev-parse", "--short", "HEAD");
            return Git(root, "status", "--porcelain", "--untracked-files=no").Length > 0 ? head + "+changes" : head;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
