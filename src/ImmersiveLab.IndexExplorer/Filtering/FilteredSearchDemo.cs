using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Recall;
using ImmersiveLab.IndexExplorer.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.IndexExplorer.Filtering;

/// <summary>
/// Shows why a filtered nearest-neighbour query returns fewer rows through an approximate index, and how
/// <c>hnsw.iterative_scan</c> / <c>ivfflat.iterative_scan</c> (pgvector 0.8) fixes it.
/// </summary>
public sealed class FilteredSearchDemo(
    ILearnerConnectionFactory connections,
    LearnerGate gate,
    IOptions<IndexExplorerOptions> options,
    ILogger<FilteredSearchDemo> logger)
{
    public const string Step = "filtered";

    public async Task<FilteredSearchResult> RunAsync(Guid learnerId, DatasetInfo dataset, BuiltIndex index, string category, int k,
        SqlTranscript transcript, CancellationToken ct, int? maxQueries = null)
    {
        var o = options.Value;
        if (index.Spec.Kind == IndexKind.Gist) throw new ArgumentException("GiST is exact: a filter costs it no recall. Pick an HNSW or IVFFlat index.", nameof(index));
        if (k < 1 || k > o.MaxK) throw new ArgumentOutOfRangeException(nameof(k), $"k: 1 to {o.MaxK}.");
        var prefix = index.Spec.Kind == IndexKind.Hnsw ? "hnsw" : "ivfflat";
        var knob = index.Spec.Kind == IndexKind.Hnsw ? "hnsw.ef_search" : "ivfflat.probes";

        using var _ = await gate.EnterAsync(learnerId, ct);
        var dataSource = await connections.OpenForLearnerAsync(learnerId, ct);
        var sql = IndexSql.Search(dataset, index.Target, k, filtered: true);

        IReadOnlyList<int> queryIds;
        SearchRun exact;
        long categoryRows;
        await using (var db = await SearchConnections.OpenExactAsync(dataSource, transcript, Step, o.QueryTimeout, ct))
        {
            categoryRows = await db.ScalarAsync<long>($"SELECT count(*) FROM {dataset.QualifiedTable} WHERE category = $1",
                "how rare the category is", ct, category);
            queryIds = await RecallSweep.QueryIdsAsync(db, dataset, maxQueries, ct);
            exact = await SearchRunner.RunAsync(db, sql, queryIds, category, $"exact: the {k} nearest rows of category {category}", ct);
        }

        SearchRun plain, iterative;
        string? used;
        await using (var db = await SearchConnections.OpenIndexedAsync(dataSource, transcript, Step, o.QueryTimeout, ct))
        {
            var all = await IndexCatalog.ListAsync(db, dataset, ct);
            await db.ExecuteAsync("BEGIN", $"filtered search through {index.Name}", ct);
            try
            {
                await SearchConnections.HideSiblingsAsync(db, index, all, ct);
                await db.ExecuteAsync($"SET LOCAL {knob} = DEFAULT", $"{knob} at its default", ct);
                await db.ExecuteAsync($"SET LOCAL {prefix}.iterative_scan = off", "the index hands over one batch of candidates, then the filter runs", ct);
                used = await SearchRunner.UsedIndexAsync(db, sql, [queryIds.FirstOrDefault(), category], ct);
                plain = await SearchRunner.RunAsync(db, sql, queryIds, category, "through the index: candidates first, filter after", ct);
                await db.ExecuteAsync($"SET LOCAL {prefix}.iterative_scan = relaxed_order",
                    "pgvector 0.8: keep scanning the index until k rows pass the filter (results may be slightly out of order)", ct);
                iterative = await SearchRunner.RunAsync(db, sql, queryIds, category, "the same search with the iterative scan", ct);
            }
            finally
            {
                await SearchConnections.RollbackQuietlyAsync(db);
            }
        }
        if (used != index.Name) logger.LogWarning("Filtered search: the planner used {Used} instead of {Index}", used ?? "no index", index.Name);

        FilteredVariant Variant(string label, string settings, SearchRun run) => new(
            label, settings, run.MeanRows,
            run.Results.Where((r, i) => r.Count < exact.Results[i].Count).Count(),
            RecallCalculator.MeanRecallAtK(exact.Results, run.Results, k, o.TieTolerance),
            run.Latency);

        return new FilteredSearchResult(dataset.TableName, index.Name, category, categoryRows, dataset.Rows, k, queryIds.Count,
            Variant("exact (seq scan)", "enable_indexscan = off", exact),
            Variant($"{index.Label}, default", $"{knob} = DEFAULT, {prefix}.iterative_scan = off", plain),
            Variant($"{index.Label}, iterative", $"{prefix}.iterative_scan = relaxed_order", iterative));
    }
}
