using ImmersiveLab.BrowserSupport.App;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// The lesson against a running app: the instructor creates the class in the UI, one learner walks the labs alone
/// (the baseline), then the N learners join at once and walk together, with memory and CPU read around each phase.
/// </summary>
public sealed class ClassroomRun(LabAppProcess app, ChromiumPool chromium, MemorySampler memory, LabWalkPlan plan, ClassroomBrowserOptions options)
{
    /// <summary>Lets closed circuits and their work wind down before memory is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(20);
    /// <summary>Solo learners' forwarded addresses come after the class's.</summary>
    private const int SoloAddressBase = 10_000;

    public async Task<ClassroomBrowserSummary> RunAsync(string instructorToken, DateTimeOffset startedAt, string machine, string? commit, CancellationToken ct)
    {
        var idle = memory.Sample();
        var instructor = await InstructorDriver.SignInAsync(await chromium.NewInstructorContextAsync(), instructorToken);
        var code = "BENCH-" + Random.Shared.Next(0x10000, 0xFFFFF).ToString("X5", CultureInfo.InvariantCulture);
        var limit = options.Learners + options.SoloWalks;
        await instructor.CreateClassAsync($"classroom-browser, {options.Learners} learners", code, limit, plan.Labs.Select(l => l.Lab).ToList());
        Console.WriteLine($"class {code} created in the instructor's UI (limit {limit}, labs {string.Join(", ", options.Labs)})");

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var soloMetrics = await ServerMetricsSnapshot.ScrapeAsync(http, ct);
        var (solo, soloRecords, soloServerCpu) = await WalkAloneAsync(code, ct);
        var soloServer = soloMetrics is null ? null : (await ServerMetricsSnapshot.ScrapeAsync(http, ct))?.Since(soloMetrics, soloServerCpu);
        await Task.Delay(Settle, ct);
        var beforeClass = memory.Sample();

        var learners = Enumerable.Range(1, options.Learners).Select(i => new LearnerRecord($"learner-{i:00}")).ToList();
        var pages = new List<IPage>();
        foreach (var i in Enumerable.Range(1, options.Learners))
            pages.Add(await (await chromium.NewLearnerContextAsync(i)).NewPageAsync());
        var logBefore = LogCounts();

        Console.WriteLine($"{options.Learners} learners join at once…");
        var joinCpu = CpuSnapshot.Take(app.Pid, app.PostmasterPid());
        var joinClock = Stopwatch.StartNew();
        await Task.WhenAll(learners.Select((l, i) => LearnerJoin.JoinAsync(pages[i], code, l, options.CellTimeout)));
        var joins = JoinSummary.Of(learners, joinClock.Elapsed);
        var joinsCpu = CpuSnapshot.Take(app.Pid, app.PostmasterPid()).Since(joinCpu);
        var afterJoins = memory.Sample();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{joins.Joined}/{joins.Learners} joined in {joins.WallSeconds:0.0} s; the class walks…"));

        var walking = Enumerable.Range(0, learners.Count).Where(i => learners[i].JoinMs is not null).ToList();
        var barrier = options.Lockstep ? new StepBarrier(walking.Count) : null;
        var walkMetrics = await ServerMetricsSnapshot.ScrapeAsync(http, ct);
        var walkCpu = CpuSnapshot.Take(app.Pid, app.PostmasterPid());
        var walkStart = MemorySampler.Now;
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = ReportProgressAsync(learners, walkStart, stopProgress.Token);
        await Task.WhenAll(walking.Select(i =>
            new LearnerWalker(pages[i], learners[i], plan, options, barrier, new Random(options.Seed * 1000 + i)).WalkAsync(ct)));
        var walkEnd = MemorySampler.Now;
        var walkUsage = CpuSnapshot.Take(app.Pid, app.PostmasterPid()).Since(walkCpu);
        var classServer = walkMetrics is null ? null : (await ServerMetricsSnapshot.ScrapeAsync(http, ct))?.Since(walkMetrics, walkUsage.ServerSeconds);
        var clientScheduling = IdleScheduling.ClientPolicies(app.Pid, app.PostmasterPid());
        await stopProgress.CancelAsync();
        await progress;
        var afterWalk = memory.Sample();
        var walked = walking.Select(i => learners[i]).ToList();
        var classPhase = PhaseSummary.Of(walked, Since(logBefore), walkEnd - walkStart);

        // Everyone on the last lab: the moment the last learner opened its first page (if all got there).
        var onLastLab = walked.Count > 0 && walked.All(l => l.OnLastLabAt is not null) ? memory.FirstAfter(walked.Max(l => l.OnLastLabAt!.Value)) : null;
        string? dashboardCount = null;
        try
        {
            dashboardCount = await instructor.LearnerCountAsync();
        }
        catch (PlaywrightException)
        {
        }
        foreach (var page in pages) await page.Context.CloseAsync();
        await Task.Delay(Settle, ct);
        var afterLeft = memory.Sample();

        var memorySummary = new MemorySummary(
            Mb(idle.AppResidentBytes), Mb(beforeClass.AppResidentBytes), Mb(afterJoins.AppResidentBytes),
            onLastLab is null ? null : Mb(onLastLab.AppResidentBytes),
            Mb(memory.PeakBetween(beforeClass.At, walkEnd, s => s.AppResidentBytes)), Mb(afterWalk.AppResidentBytes), Mb(afterLeft.AppResidentBytes),
            Mb(beforeClass.PostgresProportionalBytes), Mb(memory.PeakBetween(beforeClass.At, walkEnd, s => s.PostgresProportionalBytes)),
            Math.Max(1, joins.Joined));
        return new ClassroomBrowserSummary(
            startedAt, machine, options, options.BrowserCount, options.Labs, plan.Steps, plan.Runs, plan.Exercises, app.Log.Path, commit,
            solo, classPhase, joins, memorySummary, walkUsage, joinsCpu,
            app.Log.CircuitExceptions, app.Log.ErrorsByCategory, dashboardCount, CellLatency.Of(soloRecords, walked), StepLatency.Of(soloRecords, walked), Goals.Of(solo, classPhase),
            soloServer, classServer, ServerBound.Of(walked.Count, Environment.ProcessorCount, soloServer, classServer), clientScheduling,
            [.. soloRecords, .. learners]);
    }

    /// <summary>The baseline: learners join and walk the same labs alone, one after the other, in the same app, before the class.</summary>
    /// <returns>Also the server's CPU seconds (app + PostgreSQL) over the walks alone, without the joins.</returns>
    private async Task<(PhaseSummary Summary, IReadOnlyList<LearnerRecord> Records, double ServerCpuSeconds)> WalkAloneAsync(string code, CancellationToken ct)
    {
        Console.WriteLine($"{options.SoloWalks} learner(s) walk the labs alone, one after the other (the baseline)…");
        var records = new List<LearnerRecord>();
        var logBefore = LogCounts();
        var start = MemorySampler.Now;
        var serverCpu = 0.0;
        for (var i = 0; i < options.SoloWalks; i++)
        {
            var record = new LearnerRecord(options.SoloWalks == 1 ? "solo" : $"solo-{i + 1}");
            var context = await chromium.NewLearnerContextAsync(SoloAddressBase + i);
            var page = await context.NewPageAsync();
            await LearnerJoin.JoinAsync(page, code, record, options.CellTimeout);
            if (record.JoinError is not null) throw new InvalidOperationException($"{record.Name} could not join: {record.JoinError}");
            var cpu = CpuSnapshot.Take(app.Pid, app.PostmasterPid());
            await new LearnerWalker(page, record, plan, options, null, new Random(options.Seed + i)).WalkAsync(ct);
            serverCpu += CpuSnapshot.Take(app.Pid, app.PostmasterPid()).Since(cpu).ServerSeconds;
            await context.CloseAsync();
            records.Add(record);
        }
        var summary = PhaseSummary.Of(records, Since(logBefore), MemorySampler.Now - start);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"solo: {summary.Answered}/{summary.Runs} answered in {summary.WallSeconds:0} s, Run → answer p50 {summary.RunToAnswerMs.P50:0} ms, p95 {summary.RunToAnswerMs.P95:0} ms, dead pages {summary.DeadPages}"));
        return (summary, records, serverCpu);
    }

    /// <summary>A line now and then while the class walks (a 50-learner walk takes many minutes).</summary>
    private async Task ReportProgressAsync(IReadOnlyList<LearnerRecord> learners, TimeSpan start, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                // Counts read while the walkers append: a snapshot that may be one behind, good enough for progress.
                var runs = learners.Sum(l => l.Cells.Count);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(MemorySampler.Now - start).TotalSeconds,5:0} s: {runs}/{learners.Count(l => l.JoinMs is not null) * plan.Runs} runs, " +
                    $"{learners.Sum(l => l.DeadPages)} dead pages, {learners.Sum(l => l.FailedInPlace)} failed in place, {app.Log.CircuitsDied} circuits died, {learners.Count(l => l.Finished)} finished, " +
                    $"app RSS {Mb(ProcFs.ResidentBytes(app.Pid) ?? 0):0} MB"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private (int CircuitsDied, int FailedInPlace) LogCounts() => (app.Log.CircuitsDied, app.Log.FailuresShownInPlace);

    private (int CircuitsDied, int FailedInPlace) Since((int CircuitsDied, int FailedInPlace) before)
    {
        var now = LogCounts();
        return (now.CircuitsDied - before.CircuitsDied, now.FailedInPlace - before.FailedInPlace);
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
}
