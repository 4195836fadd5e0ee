using System.Diagnostics;
using System.Globalization;
using ImmersiveLab.Bench.Classroom;
using ImmersiveLab.Imaging;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.SqlAssist;
using ImmersiveLab.SqlAssist.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Bench.SqlAssist;

/// <summary>
/// Issue 15 (the SQL editor knows the learner's sandbox): what completion costs a class. N learners (default 50) each
/// create a table in a cell, then all ask for completion after FROM at the same moment (each catalog read goes through
/// their own session and the run admission); then each "types" K more requests in other contexts. Reports the latency
/// of each phase, catalog reads per phase (one per learner after their DDL, none while typing), the time of one
/// catalog read, and the memory a learner's cached catalog and the shared system catalog take.
/// </summary>
public static class SqlAssistBench
{
    public const string Mode = "sql-assist";

    private static readonly (string Sql, string Expect)[] Typing =
    [
        ("SELECT * FROM img_raw ORDER BY v |", "<->"),
        ("SELECT r.| FROM img_raw r", "v"),
        ("SET hnsw.|", "hnsw.ef_search"),
        ("SELECT | FROM img_raw", "name"),
        ("SELECT l2_distance(v, '[1,2,3]') FROM lab.|", "sample_images"),
        ("CREATE INDEX ON img_raw USING hnsw (v |", "vector_l2_ops"),
        ("SELECT '[1,2,3]'::|", "vector(n)"),
        ("SELECT * FROM img_raw WHERE na|", "name"),
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var learnersCount = Option(args, "--learners", 50);
        var keystrokes = Option(args, "--keystrokes", 20);
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run from inside the repository (ImmersiveLab.sln not found).");
        var o = Console.Out;
        var clock = Stopwatch.StartNew();
        await using var cluster = await BenchCluster.StartAsync(null, null,
            new Dictionary<string, string?> { ["Labs:LabsDirectory"] = Path.Combine(root, "labs") },
            (services, configuration) =>
            {
                services.AddLabs(configuration);
                services.AddSqlAssist(configuration);
            });
        var services = cluster.Services;
        var runner = services.GetRequiredService<SqlRunner>();
        var assist = services.GetRequiredService<SqlAssistService>();
        var cache = services.GetRequiredService<CatalogCache>();
        o.WriteLine($"cluster up in {clock.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores; admission slots {services.GetRequiredService<RunAdmission>().Capacity}");
        try
        {
            return await MeasureAsync(services, runner, assist, cache, learnersCount, keystrokes, o);
        }
        finally
        {
            // The sessions' connections go before the server stops (else its shutdown waits for them).
            await services.GetRequiredService<SessionRegistry>().DisposeAsync();
        }
    }

    private static async Task<int> MeasureAsync(IServiceProvider services, SqlRunner runner, SqlAssistService assist, CatalogCache cache,
        int learnersCount, int keystrokes, TextWriter o)
    {
        var clock = Stopwatch.StartNew();
        var directory = services.GetRequiredService<LearnerDirectory>();
        var learners = new List<LearnerRef>();
        for (var i = 0; i < learnersCount; i++) learners.Add(await directory.GetOrCreateAsync($"assist-{i:D3}", null, CancellationToken.None));
        await Parallel.ForEachAsync(learners, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (l, ct) =>
            Check(await runner.RunAsync(l, "SELECT 1", ct)));
        o.WriteLine($"{learnersCount} sandboxes in {clock.Elapsed.TotalSeconds:0.0} s");

        var baseline = Memory();
        clock.Restart();
        var (firstTime, firstRequests) = await UntilOffered(assist, learners[0], "SELECT * FROM |", "lab");
        var firstMs = firstTime.TotalMilliseconds;
        var afterFirst = Memory();
        o.WriteLine($"first completion of the class (the learner's catalog and the shared system catalog read): {firstMs:0} ms, {firstRequests} request(s); " +
                    $"memory {(afterFirst - baseline) / 1024.0 / 1024:0.0} MB (shared part + one learner)");

        // Every learner creates a table, then all complete after FROM at once: one catalog read each.
        await Parallel.ForEachAsync(learners, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (l, ct) =>
            Check(await runner.RunAsync(l, "CREATE TABLE img_raw (id int PRIMARY KEY, name text, data bytea, v vector(3))", ct)));
        var readsBefore = cache.Reads;
        var afterDdl = await AllAtOnceAsync(learners, l => UntilOffered(assist, l, "SELECT * FROM i|", "img_raw"));
        var missedDdl = afterDdl.Count(r => r.Requests > 1);
        var ddlReads = cache.Reads - readsBefore;
        var afterClass = Memory();
        var perLearner = (afterClass - afterFirst) / Math.Max(1, learnersCount - 1);

        // Typing: K requests per learner in other contexts, all learners at once; the catalogs are fresh: no reads.
        readsBefore = cache.Reads;
        var typing = await AllAtOnceAsync(learners, async l =>
        {
            var results = new List<(TimeSpan Elapsed, bool Found)>();
            for (var k = 0; k < keystrokes; k++)
            {
                var (sql, expect) = Typing[(k + l.Name.Length) % Typing.Length];
                results.Add(await Expect(assist, l, sql, expect));
            }
            return results;
        });
        var missedTyping = typing.SelectMany(x => x).Count(r => !r.Found);
        var typingReads = cache.Reads - readsBefore;

        // One learner's catalog read on its own: after each DDL-like invalidation, the next request reads again.
        var reads = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            cache.Invalidate(learners[0].Id);
            var watch = Stopwatch.StartNew();
            await cache.GetAsync(learners[0].Id, CancellationToken.None);
            reads.Add(watch.Elapsed);
        }

        // What the parts themselves take: the same reads again (connections and their type caches already warm), kept.
        var kept = new List<LearnerCatalogPart>();
        var beforeParts = Memory();
        foreach (var l in learners.Skip(1))
        {
            var read = await services.GetRequiredService<SessionReader>().ReadAsync(l.Id, CatalogReader.ReadLearnerPartAsync, CancellationToken.None);
            if (read.Succeeded) kept.Add(read.Value!);
        }
        var partBytes = (Memory() - beforeParts) / Math.Max(1, kept.Count);
        GC.KeepAlive(kept);

        var ddl = LatencySummary.Of(afterDdl.Select(r => r.Elapsed));
        var keys = LatencySummary.Of(typing.SelectMany(x => x).Select(r => r.Elapsed));
        var single = LatencySummary.Of(reads);
        o.WriteLine();
        o.WriteLine($"| phase | requests | catalog reads | answered without the expected item | p50 ms | p95 ms | max ms |");
        o.WriteLine($"|---|---:|---:|---:|---:|---:|---:|");
        o.WriteLine(Row($"{learnersCount} learners complete after FROM at once, right after their CREATE TABLE (until img_raw is offered)", ddl, ddlReads, missedDdl));
        o.WriteLine(Row($"{learnersCount} learners × {keystrokes} requests at once (typing)", keys, typingReads, missedTyping));
        o.WriteLine(Row("one learner's catalog read (invalidate + request), alone", single, reads.Count, 0));
        o.WriteLine();
        o.WriteLine($"memory: {perLearner / 1024.0:0} KB per learner's cached catalog (GC heap growth over {learnersCount - 1} learners); " +
                    $"shared part + first learner {(afterFirst - baseline) / 1024.0 / 1024:0.0} MB; the learner's catalog part alone {partBytes / 1024.0:0} KB " +
                    $"({kept.Count} kept copies; the rest is their session's connection warming up to the catalog's column types)");
        return 0;
    }

    private static string Row(string phase, LatencySummary s, long reads, int missed) =>
        string.Create(CultureInfo.InvariantCulture, $"| {phase} | {s.Runs} | {reads} | {missed} | {s.P50:0.0} | {s.P95:0.0} | {s.Max:0.0} |");

    private static async Task<List<T>> AllAtOnceAsync<T>(IReadOnlyList<LearnerRef> learners, Func<LearnerRef, Task<T>> work)
    {
        using var start = new ManualResetEventSlim();
        var tasks = learners.Select(l => Task.Run(async () =>
        {
            start.Wait();
            return await work(l);
        })).ToList();
        start.Set();
        return (await Task.WhenAll(tasks)).ToList();
    }

    /// <summary>Asks for completion; the time it took and whether <paramref name="label"/> was offered.</summary>
    private static async Task<(TimeSpan Elapsed, bool Found)> Expect(SqlAssistService assist, LearnerRef learner, string marked, string label)
    {
        var offset = marked.IndexOf('|');
        var text = marked.Remove(offset, 1);
        var watch = Stopwatch.StartNew();
        var list = await assist.CompleteAsync(learner, text, offset, "en", CancellationToken.None);
        return (watch.Elapsed, list.Items.Any(i => i.Label == label));
    }

    /// <summary>
    /// As an editor does with a list marked incomplete: asks again (every 100 ms, as if on the next keystroke) until
    /// <paramref name="label"/> is offered. The time until the learner sees it, and how many requests that took.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, int Requests)> UntilOffered(SqlAssistService assist, LearnerRef learner, string marked, string label)
    {
        var watch = Stopwatch.StartNew();
        for (var requests = 1; ; requests++)
        {
            if ((await Expect(assist, learner, marked, label)).Found) return (watch.Elapsed, requests);
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException($"{learner.Name}: no {label} for {marked} after a minute");
            await Task.Delay(100);
        }
    }

    private static void Check(CellRunResult cell)
    {
        if (!cell.Succeeded) throw new InvalidOperationException(cell.Error?.Message ?? cell.Statements.First(s => s.Error is not null).Error!.Message);
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
