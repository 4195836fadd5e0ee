using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Sql;

namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>The explorer's datasets already in a learner's sandbox (found by their table comment).</summary>
public sealed class DatasetCatalog(ILearnerConnectionFactory connections, Microsoft.Extensions.Options.IOptions<IndexExplorerOptions> options)
{
    public const string Step = "catalog";

    public async Task<IReadOnlyList<DatasetInfo>> ListAsync(Guid learnerId, SqlTranscript transcript, CancellationToken ct)
    {
        var dataSource = await connections.OpenForLearnerAsync(learnerId, ct);
        await using var db = await ExplorerConnection.OpenAsync(dataSource, transcript, Step, options.Value.QueryTimeout, ct);
        const string sql = """
            SELECT c.relname, obj_description(c.oid, 'pg_class'), pg_total_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') LIKE $1
            ORDER BY c.relname
            """;
        db.Record(sql, "the explorer's datasets in this sandbox", [DatasetInfo.CommentMarker + "%"]);
        await using var cmd = db.Command(sql, DatasetInfo.CommentMarker + "%");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DatasetInfo>();
        while (await r.ReadAsync(ct))
        {
            if (DatasetInfo.FromComment(r.GetString(1)) is { } info && info.TableName == r.GetString(0))
                list.Add(info with { TableBytes = r.GetInt64(2) });
        }
        return list;
    }

    public async Task<DatasetInfo?> FindAsync(Guid learnerId, string tableName, SqlTranscript transcript, CancellationToken ct) =>
        (await ListAsync(learnerId, transcript, ct)).FirstOrDefault(d => d.TableName == tableName);
}
