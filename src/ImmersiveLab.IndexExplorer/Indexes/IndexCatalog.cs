using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Sql;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.IndexExplorer.Indexes;

/// <summary>The explorer's indexes on a dataset (found by their comment), with their current size.</summary>
public sealed class IndexCatalog(ILearnerConnectionFactory connections, IOptions<IndexExplorerOptions> options)
{
    public const string Step = "catalog";

    public async Task<IReadOnlyList<BuiltIndex>> ListAsync(Guid learnerId, DatasetInfo dataset, SqlTranscript transcript, CancellationToken ct)
    {
        var dataSource = await connections.OpenForLearnerAsync(learnerId, ct);
        await using var db = await ExplorerConnection.OpenAsync(dataSource, transcript, Step, options.Value.QueryTimeout, ct);
        return await ListAsync(db, dataset, ct);
    }

    internal static async Task<IReadOnlyList<BuiltIndex>> ListAsync(ExplorerConnection db, DatasetInfo dataset, CancellationToken ct)
    {
        const string sql = """
            SELECT i.relname, obj_description(i.oid, 'pg_class'), pg_relation_size(i.oid), pg_get_indexdef(i.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass
            ORDER BY i.relname
            """;
        db.Record(sql, "the indexes on the dataset, with their size", [dataset.QualifiedTable]);
        await using var cmd = db.Command(sql, dataset.QualifiedTable);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<BuiltIndex>();
        while (await r.ReadAsync(ct))
        {
            var stored = BuiltIndex.FromComment(r.IsDBNull(1) ? null : r.GetString(1));
            if (stored is { } s) list.Add(new BuiltIndex(r.GetString(0), s.Spec, s.BuildTime, r.GetInt64(2), r.GetString(3)));
        }
        return list;
    }
}
