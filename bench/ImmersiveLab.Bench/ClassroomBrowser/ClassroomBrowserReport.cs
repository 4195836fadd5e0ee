using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImmersiveLab.Bench.Classroom;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>The run's summary as a console table (solo beside class) and as a JSON file.</summary>
public static class ClassroomBrowserReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private const int SlowestCellsShown = 5;

    public static async Task WriteJsonAsync(ClassroomBrowserSummary s, string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, s, Json, ct);
    }

    public static void Print(ClassroomBrowserSummary s, TextWriter o)
    {
        var solo = s.Solo;
        var cls = s.Class;
        o.WriteLine();
        o.WriteLine($"== classroom-browser: {s.Class.Learners} learners in {s.Browsers} Chromium process(es), labs {string.Join(" → ", s.Labs)} " +
                    $"({s.StepsPerWalk} steps, {s.RunsPerWalk} runs of which {s.ExercisesPerWalk} exercises per learner) ==");
        o.WriteLine($"{s.Machine}; {(s.Options.Lockstep ? "lockstep (the class goes to each step together)" : "free pace")}, " +
                    I($"think {s.Options.Think.TotalSeconds:0.#} s, cell timeout {s.Options.CellTimeout.TotalSeconds:0} s, dead pages {(s.Options.ReloadDeadPages ? "reloaded" : "stop")}, ") +
                    (s.Options.IdleBrowsers ? "browsers under SCHED_IDLE" : I($"browsers at nice {s.Options.BrowserNice}")));
        o.WriteLine();
        o.WriteLine($"| {"",-38} | {"solo",12} | {$"class ({cls.Learners})",14} |");
        o.WriteLine($"|{new string('-', 40)}|{new string('-', 14)}:|{new string('-', 16)}:|");
        Row(o, "learners who finished the walk", $"{solo.Finished}/{solo.Learners}", $"{cls.Finished}/{cls.Learners}");
        Row(o, "pages dead (Blazor error bar)", solo.DeadPages, cls.DeadPages);
        Row(o, "circuits died (app log)", solo.CircuitsDiedInAppLog, cls.CircuitsDiedInAppLog);
        Row(o, "failed in place (page / app log)", $"{solo.FailedInPlace} / {solo.FailedInPlaceInAppLog}", $"{cls.FailedInPlace} / {cls.FailedInPlaceInAppLog}");
        Row(o, "reloads", solo.Reloads, cls.Reloads);
        Row(o, "runs clicked", solo.Runs, cls.Runs);
        Row(o, "cells never answered", solo.Unanswered, cls.Unanswered);
        Row(o, "page died while a cell ran", solo.DiedWhileRunning, cls.DiedWhileRunning);
        Row(o, "Run → answer p50 ms", Ms(solo.RunToAnswerMs.P50), Ms(cls.RunToAnswerMs.P50));
        Row(o, "Run → answer p95 ms", Ms(solo.RunToAnswerMs.P95), Ms(cls.RunToAnswerMs.P95));
        Row(o, "Run → answer p99 ms", Ms(solo.RunToAnswerMs.P99), Ms(cls.RunToAnswerMs.P99));
        Row(o, "Run → answer max ms", Ms(solo.RunToAnswerMs.Max), Ms(cls.RunToAnswerMs.Max));
        Row(o, "statements' own time p50 / p95 ms", $"{Ms(solo.RunnerMs.P50)} / {Ms(solo.RunnerMs.P95)}", $"{Ms(cls.RunnerMs.P50)} / {Ms(cls.RunnerMs.P95)}");
        Row(o, "runs that queued for a slot", solo.QueuedRuns, cls.QueuedRuns);
        if (s.SoloServer is { } ss && s.ClassServer is { } cs)
        {
            Row(o, "server: Runs recorded (/metrics)", ss.Runs, cs.Runs);
            Row(o, "server: Run p50 / p95 ms", $"{Ms(ss.RunP50Ms)} / {Ms(ss.RunP95Ms)}", $"{Ms(cs.RunP50Ms)} / {Ms(cs.RunP95Ms)}");
            Row(o, "server: wait for a slot mean / p95 ms", $"{Ms(ss.QueueWaitMeanMs)} / {Ms(ss.QueueWaitP95Ms)}", $"{Ms(cs.QueueWaitMeanMs)} / {Ms(cs.QueueWaitP95Ms)}");
            Row(o, "server: statement p95 ms", Ms(ss.StatementP95Ms), Ms(cs.StatementP95Ms));
            Row(o, "server CPU (app + PostgreSQL) per Run ms", Ms(ss.ServerCpuMsPerRun), Ms(cs.ServerCpuMsPerRun));
        }
        Row(o, "answers shown in a re-rendered cell", solo.ReplacedCells, cls.ReplacedCells);
        Row(o, "results ok / error / intended failure", Results(solo), Results(cls));
        Row(o, "exercises solved / not solved", $"{solo.ExercisesSolved} / {solo.ExercisesNotSolved}", $"{cls.ExercisesSolved} / {cls.ExercisesNotSolved}");
        Row(o, "Next → step usable p50 ms", Ms(solo.StepOpenMs.P50), Ms(cls.StepOpenMs.P50));
        Row(o, "Next → step usable p95 ms", Ms(solo.StepOpenMs.P95), Ms(cls.StepOpenMs.P95));
        Row(o, "steps never usable", solo.StepsNeverUsable, cls.StepsNeverUsable);
        Row(o, "walk took s", I($"{solo.WallSeconds:0}"), I($"{cls.WallSeconds:0}"));
        o.WriteLine();

        var j = s.Joins;
        o.WriteLine(I($"joins: {j.Joined}/{j.Learners} joined at once in {j.WallSeconds:0.0} s (bench clock, each p50 {j.PerJoinMs.P50:0} / max {j.PerJoinMs.Max:0} ms); ") +
                    I($"in the browser a learner waited p50 {j.WaitedMs.P50:0} / p95 {j.WaitedMs.P95:0} ms (Join pressed → class shown p95 {j.SubmitToLiveMs.P95:0} ms), the server's first bytes p50 {j.ServerMs.P50:0} / p95 {j.ServerMs.P95:0} ms"));
        foreach (var failed in j.Failed.Take(5)) o.WriteLine($"join failed: {failed}");
        var m = s.Memory;
        o.WriteLine(I($"app RSS MB: idle {m.AppIdleMb:0}, before the class {m.AppBeforeClassMb:0}, after the joins {m.AppAfterJoinsMb:0}, all on the last lab {Mb(m.AppAllOnLastLabMb)}, peak {m.AppPeakMb:0}, after the walk {m.AppAfterWalkMb:0}, after the class left {m.AppAfterClassLeftMb:0}"));
        o.WriteLine(I($"app memory per connected learner: {m.AppPerLearnerAtPeakMb:0.0} MB at the peak, {Mb(m.AppPerLearnerOnLastLabMb, "0.0")} MB with all on the last lab; PostgreSQL PSS {m.PostgresBeforeClassMb:0} → peak {m.PostgresPeakMb:0} MB ({m.PostgresPerLearnerAtPeakMb:0.0} MB per learner)"));
        Cpu(o, "class walk", s.ClassWalkCpu);
        Cpu(o, "joins", s.JoinsCpu);
        if (s.DashboardLearnerCount is not null) o.WriteLine($"instructor dashboard: {s.DashboardLearnerCount} learners");
        foreach (var cell in s.Cells.OrderByDescending(c => c.ClassMs.P95).Take(SlowestCellsShown))
            o.WriteLine(I($"slow cell {cell.Lab}/{cell.CellId}{(cell.Exercise ? " (exercise)" : "")}: solo {Ms(cell.SoloMs ?? double.NaN)} ms, class p50 {Ms(cell.ClassMs.P50)} / p95 {Ms(cell.ClassMs.P95)} / max {Ms(cell.ClassMs.Max)} ms"));
        foreach (var step in s.Steps.OrderByDescending(t => t.ClassMs.P95).Take(SlowestCellsShown))
            o.WriteLine(I($"slow step {step.Lab}/{step.Step}: solo {Ms(step.SoloMs ?? double.NaN)} ms, class p50 {Ms(step.ClassMs.P50)} / p95 {Ms(step.ClassMs.P95)} ms; p95 until editors up {Ms(step.ClassEditorsP95Ms)}, setup cells {Ms(step.ClassSetupP95Ms)}, galleries {Ms(step.ClassGalleriesP95Ms)} ms"));
        foreach (var (message, count) in s.CircuitExceptions) o.WriteLine($"unhandled in a circuit ×{count}: {message}");
        foreach (var stopped in cls.Stopped.Concat(solo.Stopped).Take(5)) o.WriteLine($"stopped early: {stopped}");
        foreach (var problem in cls.StepProblems.Concat(solo.StepProblems).Take(5)) o.WriteLine($"step problem ×{problem.Count}: {problem.What}");
        foreach (var error in cls.Errors.Take(5)) o.WriteLine($"cell error ×{error.Count}: {error.What}");
        o.WriteLine();
        var g = s.Goals;
        o.WriteLine($"goal: no page dies ........................ {(g.NoDeadPage ? "met" : "MISSED")}");
        o.WriteLine($"goal: nothing fails in place .............. {(g.NothingFailedInPlace ? "met" : "MISSED")}");
        o.WriteLine($"goal: every cell answers .................. {(g.EveryCellAnswered ? "met" : "MISSED")}");
        o.WriteLine(I($"goal: p95 class ≤ 3 × p95 solo ............ {(g.P95WithinThreeTimesSolo ? "met" : "MISSED")} (×{g.P95Ratio:0.00})"));
        if (s.SoloServer is { RunP95Ms: { } soloP95 } && s.ClassServer is { RunP95Ms: { } classP95 })
            o.WriteLine(I($"server side: p95 class ÷ p95 solo ×{classP95 / soloP95:0.00}"));
        if (s.Bound is { BoundMs: { } bound, ClassP95Ms: { } p95 } b)
            o.WriteLine(I($"server side: {b.Learners} learners × {b.SoloCpuMsPerRun:0} ms of CPU per Run ÷ {b.Cores} cores = {bound:0} ms, the soonest the last of a simultaneous click can be answered; class p95 {p95:0} ms is ×{b.P95OverBound:0.00} of it"));
        o.WriteLine("client processes by scheduling class: " + string.Join(", ", s.ClientScheduling.OrderBy(k => k.Key).Select(k => $"{k.Key} ×{k.Value}")));
        o.WriteLine($"app log: {s.AppLog}");
    }

    private static void Cpu(TextWriter o, string what, CpuUsage c)
    {
        o.WriteLine(I($"CPU over the {what} ({c.WallSeconds:0} s, {c.Cores} cores): app {c.AppSeconds:0.0} s + PostgreSQL {c.PostgresSeconds:0.0} s = server {c.ServerSeconds:0.0} s, {c.ServerPercentOfMachine:0} % of the machine; client {c.ClientSeconds:0.0} s, {c.ClientPercentOfMachine:0} %"));
        o.WriteLine("  client: " + string.Join(", ", c.ClientSecondsByKind.Where(k => k.Value >= 0.05).OrderByDescending(k => k.Value).Select(k => I($"{k.Key} {k.Value:0.0} s"))));
    }

    private static string Results(PhaseSummary p)
    {
        int N(string what) => p.Results.FirstOrDefault(t => t.What == what)?.Count ?? 0;
        return $"{N("ok")} / {N("error") + N("no-results")} / {N("expected-failure")}";
    }

    private static void Row(TextWriter o, string label, object solo, object cls) =>
        o.WriteLine($"| {label,-38} | {solo,12} | {cls,14} |");

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("0", CultureInfo.InvariantCulture);
    private static string Ms(double? ms) => ms is { } v ? Ms(v) : "-";
    private static string Mb(double? mb, string format = "0") => mb is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
