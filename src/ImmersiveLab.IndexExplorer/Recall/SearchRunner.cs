using System.Diagnostics;
using System.Text.Json;
using ImmersiveLab.IndexExplorer.Connections;
using NpgsqlTypes;

namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>The rows and client-side latencies of one search statement run once per query vector.</summary>
public sealed record SearchRun(IReadOnlyList<IReadOnlyList<Neighbor>> Results, IReadOnlyList<double> LatenciesMs)
{
    public LatencyStats Latency => LatencyStats.From(LatenciesMs.ToList());
    public double MeanRows => Results.Count == 0 ? 0 : Results.Average(r => r.Count);
}

/// <summary>
/// Runs a search (from <see cref="Indexes.IndexSql.Search"/>) for each query id on one connection: one warm-up
/// run, then timed runs, each planned for its own value. Recorded once in the transcript with the number of runs.
/// </summary>
internal static class SearchRunner
{
    public static async Task<SearchRun> RunAsync(ExplorerConnection db, string sql, IReadOnlyList<int> queryIds, string? category,
        string? note, CancellationToken ct, Action<int>? onQueryDone = null)
    {
        var first = queryIds.Count > 0 ? queryIds[0] : 0;
        var entry = db.Record(sql, note, category is null ? [first] : [first, category], repetitions: queryIds.Count);
        await using var cmd = db.Command(sql);
        var id = new Npgsql.NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer };
        cmd.Parameters.Add(id);
        if (category is not null) cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = category });
        // Not prepared: a generic plan of the prepared statement (chosen after five runs) may drop the index for a
        // sequential scan (seen with IVFFlat on 100 000 × 1280), and the sweep would measure the wrong thing.
        if (queryIds.Count > 0)
        {
            id.TypedValue = first; // warm-up (buffer cache, catalog caches), not timed
            await ReadAsync(cmd, ct);
        }
        var results = new List<IReadOnlyList<Neighbor>>(queryIds.Count);
        var latencies = new List<double>(queryIds.Count);
        foreach (var q in queryIds)
        {
            id.TypedValue = q;
            var start = Stopwatch.GetTimestamp();
            var rows = await ReadAsync(cmd, ct);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            results.Add(rows);
            onQueryDone?.Invoke(results.Count);
        }
        db.SetRepetitions(entry, queryIds.Count);
        return new SearchRun(results, latencies);
    }

    private static async Task<IReadOnlyList<Neighbor>> ReadAsync(Npgsql.NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<Neighbor>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(new Neighbor(r.GetInt32(0), r.GetDouble(1)));
        return rows;
    }

    /// <summary>The index the plan of <paramref name="sql"/> scans, if any (from EXPLAIN's JSON).</summary>
    public static async Task<string?> UsedIndexAsync(ExplorerConnection db, string sql, object?[] args, CancellationToken ct)
    {
        var explain = "EXPLAIN (FORMAT JSON) " + sql;
        db.Record(explain, "which index the planner uses", args);
        await using var cmd = db.Command(explain, args);
        var json = (string?)await cmd.ExecuteScalarAsync(ct);
        if (json is null) return null;
        using var doc = JsonDocument.Parse(json);
        return FindIndexName(doc.RootElement);
    }

    private static string? FindIndexName(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                // The outer plan nodes first: the InitPlan's primary-key lookup is the last child.
                if (e.TryGetProperty("Index Name", out var name) && e.TryGetProperty("Parent Relationship", out var rel) && rel.GetString() == "InitPlan")
                    return null;
                if (e.TryGetProperty("Index Name", out name)) return name.GetString();
                foreach (var p in e.EnumerateObject())
                    if (FindIndexName(p.Value) is { } found) return found;
                return null;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                    if (FindIndexName(item) is { } found) return found;
                return null;
            default:
                return null;
        }
    }
}
