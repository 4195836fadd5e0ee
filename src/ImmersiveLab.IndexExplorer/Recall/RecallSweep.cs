using System.Diagnostics;
using System.Globalization;
using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>
/// For every index and every value of its search knob (hnsw.ef_search, ivfflat.probes; GiST has none), runs the
/// dataset's query vectors, measures latency and compares the rows with the exact answer from a sequential scan.
/// Exact answers come from their own connection with index scans disabled; they are also the chart's reference point.
/// </summary>
public sealed class RecallSweep(
    ILearnerConnectionFactory connections,
    LearnerGate gate,
    IOptions<IndexExplorerOptions> options,
    ILogger<RecallSweep> logger)
{
    public const string Step = "sweep";

    public async Task<SweepResult> RunAsync(Guid learnerId, DatasetInfo dataset, IReadOnlyList<BuiltIndex> indexes, SweepSettings settings,
        SqlTranscript transcript, IProgress<SweepProgress>? progress, CancellationToken ct)
    {
        var o = options.Value;
        if (settings.Validate(o) is { } problem) throw new ArgumentException(problem, nameof(settings));
        using var _ = await gate.EnterAsync(learnerId, ct);
        var clock = Stopwatch.StartNew();
        var dataSource = await connections.OpenForLearnerAsync(learnerId, ct);

        var plan = indexes.Select(i => (Index: i, Knob: Knob(i, settings))).ToList();
        var metrics = indexes.Select(i => i.Spec.Metric).Append(DistanceMetric.L2).Distinct().ToList();
        var runsTotal = metrics.Count + plan.Sum(p => p.Knob.Values.Count);
        var runsDone = 0;
        var current = "";
        var queriesTotal = 0;
        void Report(string what) => progress?.Report(new SweepProgress(runsDone, runsTotal, current = what, 0, queriesTotal));
        void QueryDone(int done) => progress?.Report(new SweepProgress(runsDone, runsTotal, current, done, queriesTotal));

        // Exact answers, one set per distance (GiST on cube is Euclidean: it is checked against l2).
        var exact = new Dictionary<DistanceMetric, SearchRun>();
        var exactPoints = new List<SweepPoint>();
        IReadOnlyList<int> queryIds;
        await using (var db = await SearchConnections.OpenExactAsync(dataSource, transcript, Step, o.QueryTimeout, ct))
        {
            queryIds = await QueryIdsAsync(db, dataset, settings.MaxQueries, ct);
            queriesTotal = queryIds.Count;
            foreach (var metric in metrics)
            {
                Report($"exact {metric.ShortName()}");
                var sql = IndexSql.Search(dataset, new SearchTarget(metric, UsesCube: false), settings.K);
                var run = await SearchRunner.RunAsync(db, sql, queryIds, null, $"exact top {settings.K} by {metric.ShortName()} for each query vector", ct, QueryDone);
                exact[metric] = run;
                exactPoints.Add(new SweepPoint
                {
                    Series = $"exact {metric.ShortName()} (seq scan)",
                    K = settings.K,
                    Recall = RecallCalculator.MeanRecallAtK(run.Results, run.Results, settings.K, o.TieTolerance),
                    MinRecall = 1,
                    Latency = run.Latency,
                    MeanRows = run.MeanRows,
                });
                runsDone++;
            }
        }

        var points = new List<SweepPoint>();
        await using (var db = await SearchConnections.OpenIndexedAsync(dataSource, transcript, Step, o.QueryTimeout, ct))
        {
            var all = await IndexCatalog.ListAsync(db, dataset, ct);
            foreach (var (index, knob) in plan)
            {
                var sql = IndexSql.Search(dataset, index.Target, settings.K);
                var truth = exact[index.Spec.Metric];
                await db.ExecuteAsync("BEGIN", $"sweep {index.Name}", ct);
                try
                {
                    await SearchConnections.HideSiblingsAsync(db, index, all.Count > 0 ? all : indexes, ct);
                    var used = await SearchRunner.UsedIndexAsync(db, sql, [queryIds.FirstOrDefault()], ct);
                    if (used != index.Name)
                        logger.LogWarning("Sweep of {Index}: the planner used {Used} instead", index.Name, used ?? "no index");
                    foreach (var value in knob.Values)
                    {
                        Report($"{index.Label}{(knob.Parameter is null ? "" : $" {knob.Parameter} = {value}")}");
                        if (knob.Parameter is not null)
                            await db.ExecuteAsync($"SET LOCAL {knob.Parameter} = {value!.Value.ToString(CultureInfo.InvariantCulture)}", null, ct);
                        var run = await SearchRunner.RunAsync(db, sql, queryIds, null, $"{index.Label}: top {settings.K} for each query vector", ct, QueryDone);
                        var recalls = truth.Results.Select((e, i) => RecallCalculator.RecallAtK(e, run.Results[i], settings.K, o.TieTolerance)).ToList();
                        points.Add(new SweepPoint
                        {
                            IndexName = index.Name,
                            Series = index.Label,
                            Kind = index.Spec.Kind,
                            Parameter = knob.Parameter,
                            Value = value,
                            K = settings.K,
                            Recall = recalls.Count == 0 ? 1 : recalls.Average(),
                            MinRecall = recalls.Count == 0 ? 1 : recalls.Min(),
                            Latency = run.Latency,
                            MeanRows = run.MeanRows,
                            UsedIndex = used,
                        });
                        runsDone++;
                    }
                }
                finally
                {
                    await SearchConnections.RollbackQuietlyAsync(db);
                }
            }
        }
        Report("done");
        logger.LogInformation("Learner {Learner}: swept {Indexes} indexes on {Table} in {Ms} ms", learnerId, indexes.Count, dataset.TableName, clock.ElapsedMilliseconds);
        return new SweepResult(dataset.TableName, settings.K, queryIds.Count, exactPoints, points, clock.Elapsed);
    }

    internal static async Task<IReadOnlyList<int>> QueryIdsAsync(ExplorerConnection db, DatasetInfo dataset, int? max, CancellationToken ct)
    {
        var sql = $"SELECT id FROM {dataset.QualifiedQueryTable} ORDER BY id LIMIT $1";
        db.Record(sql, "the query vectors to search with", [max ?? int.MaxValue]);
        await using var cmd = db.Command(sql, max ?? int.MaxValue);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<int>();
        while (await r.ReadAsync(ct)) ids.Add(r.GetInt32(0));
        return ids;
    }

    private static (string? Parameter, IReadOnlyList<int?> Values) Knob(BuiltIndex index, SweepSettings settings) => index.Spec.Kind switch
    {
        IndexKind.Hnsw => ("hnsw.ef_search", settings.EfSearch.Select(v => (int?)v).ToList()),
        // More probes than lists searches every list: the values beyond are all the same point.
        IndexKind.IvfFlat => ("ivfflat.probes", settings.Probes.Select(v => (int?)Math.Min(v, index.Spec.Lists)).Distinct().ToList()),
        _ => (null, [null]),
    };
}
