using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Sql;
using Npgsql;

namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>The two kinds of search connection a sweep uses, and how one index is isolated from its siblings.</summary>
internal static class SearchConnections
{
    /// <summary>A connection where the planner cannot use any index: every search is a sequential scan, i.e. exact.</summary>
    public static async Task<ExplorerConnection> OpenExactAsync(NpgsqlDataSource dataSource, SqlTranscript transcript, string step,
        TimeSpan timeout, CancellationToken ct)
    {
        var db = await ExplorerConnection.OpenAsync(dataSource, transcript, step, timeout, ct);
        await db.ExecuteAsync("SET enable_indexscan = off", "exact answers: no index on this connection…", ct);
        await db.ExecuteAsync("SET enable_bitmapscan = off", "…so every search reads the whole table (a sequential scan)", ct);
        return db;
    }

    /// <summary>A connection that uses an index whenever one can serve the search.</summary>
    public static async Task<ExplorerConnection> OpenIndexedAsync(NpgsqlDataSource dataSource, SqlTranscript transcript, string step,
        TimeSpan timeout, CancellationToken ct)
    {
        var db = await ExplorerConnection.OpenAsync(dataSource, transcript, step, timeout, ct);
        await db.ExecuteAsync("SET enable_seqscan = off",
            "use the index even where the planner would scan a small table (with more rows it picks the index by itself)", ct);
        return db;
    }

    /// <summary>
    /// Inside the open transaction: drops the other indexes that could serve the same ORDER BY, so the planner can only
    /// use <paramref name="index"/>. The transaction is rolled back afterwards, which brings them back untouched
    /// (DROP INDEX in a transaction only hides the index; nothing is deleted unless it commits).
    /// </summary>
    public static async Task HideSiblingsAsync(ExplorerConnection db, BuiltIndex index, IReadOnlyList<BuiltIndex> all, CancellationToken ct)
    {
        var siblings = all.Where(i => i.Name != index.Name && i.Target == index.Target).Select(i => "public." + i.Name).ToList();
        if (siblings.Count == 0) return;
        await db.ExecuteAsync($"DROP INDEX {string.Join(", ", siblings)}",
            $"only for this transaction (it ends with ROLLBACK): leaves {index.Name} as the one index for this distance", ct);
    }

    public static async Task RollbackQuietlyAsync(ExplorerConnection db)
    {
        try
        {
            if (db.Connection.State == System.Data.ConnectionState.Open)
                await db.ExecuteAsync("ROLLBACK", null, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // connection broken: the server rolls back
        }
    }
}
