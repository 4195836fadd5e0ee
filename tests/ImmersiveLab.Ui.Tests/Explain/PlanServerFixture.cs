using ImmersiveLab.TestSupport;
using Npgsql;
using Pgvector.Npgsql;

namespace ImmersiveLab.Ui.Tests.Explain;

/// <summary>
/// A real PostgreSQL with pgvector: a table of 2 000 vectors with an HNSW index, and the EXPLAIN (ANALYZE, BUFFERS,
/// FORMAT JSON) text of a KNN query with and without the index, captured once for the tests.
/// </summary>
public sealed class PlanServerFixture : LabServerFixture
{
    public const string KnnQuery = "SELECT id, embedding <-> '[0.5,0.5,0.5]' AS distance FROM items ORDER BY embedding <-> '[0.5,0.5,0.5]' LIMIT 5";

    public string IndexPlanJson { get; private set; } = "";
    public string SeqScanPlanJson { get; private set; } = "";
    public string EfSearch200PlanJson { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var db = "plans_" + Guid.NewGuid().ToString("N")[..8];
        await using (var create = Server.Admin.CreateCommand($"CREATE DATABASE {db}")) await create.ExecuteNonQueryAsync();
        await using (var plain = new NpgsqlConnection(Server.ConnectionStringFor(db)))
        {
            await plain.OpenAsync();
            await using var ext = new NpgsqlCommand("CREATE EXTENSION vector", plain);
            await ext.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlDataSourceBuilder(Server.ConnectionStringFor(db));
        builder.UseVector();
        await using var ds = builder.Build();
        await using var conn = await ds.OpenConnectionAsync();
        async Task Exec(string sql) { await using var c = new NpgsqlCommand(sql, conn); await c.ExecuteNonQueryAsync(); }
        async Task<string> Explain() { await using var c = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + KnnQuery, conn); return (string)(await c.ExecuteScalarAsync())!; }

        await Exec("CREATE TABLE items (id int PRIMARY KEY, embedding vector(3))");
        await Exec("INSERT INTO items SELECT i, ARRAY[random(), random(), random()]::vector FROM generate_series(1, 2000) i");
        await Exec("ANALYZE items");
        SeqScanPlanJson = await Explain();                      // before CREATE INDEX
        await Exec("CREATE INDEX items_embedding_hnsw ON items USING hnsw (embedding vector_l2_ops)");
        await Exec("ANALYZE items");
        await Exec("SET enable_seqscan = off");                 // 2 000 rows: make the planner's choice deterministic
        IndexPlanJson = await Explain();
        await Exec("SET hnsw.ef_search = 200");
        EfSearch200PlanJson = await Explain();
    }
}
