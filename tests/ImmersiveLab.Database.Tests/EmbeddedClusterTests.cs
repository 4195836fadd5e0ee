using ImmersiveLab.Database;
using ImmersiveLab.Database.Metadata;
using ImmersiveLab.Database.Template;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pgvector;

namespace ImmersiveLab.Database.Tests;

[CollectionDefinition(nameof(ClusterCollection))]
public sealed class ClusterCollection : ICollectionFixture<LabServerFixture>;

[Collection(nameof(ClusterCollection))]
public sealed class EmbeddedClusterTests(LabServerFixture fixture)
{
    [Fact]
    public async Task Starts_from_an_empty_data_directory_with_a_private_password_file()
    {
        var status = fixture.Server.Status!;
        Assert.Equal(ServerMode.Embedded, status.Mode);
        Assert.StartsWith("PostgreSQL 1", status.ServerVersion);
        var pwFile = Path.Combine(fixture.DataDirectory, "pg", "lab_admin.password");
        Assert.True(File.Exists(pwFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pwFile));
        Assert.True(File.Exists(Path.Combine(fixture.DataDirectory, "log", "postgresql.log")));
    }

    [Fact]
    public async Task Pgvector_0_8_answers_a_knn_query_through_an_hnsw_index()
    {
        Assert.True(Version.Parse(fixture.Server.Status!.PgvectorVersion!) >= new Version(0, 8, 0));
        var db = "vec_" + Guid.NewGuid().ToString("N")[..8];
        await Exec(fixture.Server.Admin, $"CREATE DATABASE {db}");
        var builder = new NpgsqlDataSourceBuilder(fixture.Server.ConnectionStringFor(db));
        builder.UseVector();
        await using (var plain = new NpgsqlConnection(fixture.Server.ConnectionStringFor(db)))
        {
            await plain.OpenAsync();
            await new NpgsqlCommand("CREATE EXTENSION vector", plain).ExecuteNonQueryAsync();
        }
        await using var ds = builder.Build();
        await Exec(ds, "CREATE TABLE items (id int PRIMARY KEY, embedding vector(3))");
        await Exec(ds, "INSERT INTO items SELECT i, ARRAY[random(), random(), random()]::vector FROM generate_series(1, 2000) i");
        await Exec(ds, "INSERT INTO items VALUES (0, '[5,5,5]')");
        await Exec(ds, "CREATE INDEX items_hnsw ON items USING hnsw (embedding vector_l2_ops)");
        await Exec(ds, "ANALYZE items");

        await using var conn = await ds.OpenConnectionAsync();
        await new NpgsqlCommand("SET enable_seqscan = off", conn).ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) SELECT id FROM items ORDER BY embedding <-> $1 LIMIT 3", conn);
        explain.Parameters.AddWithValue(new Vector(new float[] { 5, 5, 5 }));
        var plan = (string)(await explain.ExecuteScalarAsync())!;
        Assert.Contains("items_hnsw", plan);
        Assert.Contains("Index Scan", plan);

        await using var knn = new NpgsqlCommand("SELECT id FROM items ORDER BY embedding <-> $1 LIMIT 1", conn);
        knn.Parameters.AddWithValue(new Vector(new float[] { 5, 5, 5 }));
        Assert.Equal(0, await knn.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Template_database_has_the_extensions_and_refuses_connections()
    {
        await using var cmd = fixture.Server.Admin.CreateCommand(
            "SELECT datistemplate, datallowconn, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'lab_template'");
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), "lab_template missing");
        Assert.True(r.GetBoolean(0));
        Assert.False(r.GetBoolean(1));
        Assert.StartsWith("immersivelab-template ", r.GetString(2));
        await r.DisposeAsync();

        // A copy of it has the extensions and the sample table.
        var copy = "tpl_" + Guid.NewGuid().ToString("N")[..8];
        await Exec(fixture.Server.Admin, $"CREATE DATABASE {copy} TEMPLATE lab_template");
        await using var conn = new NpgsqlConnection(fixture.Server.ConnectionStringFor(copy));
        await conn.OpenAsync();
        var exts = new List<string>();
        await using (var e = new NpgsqlCommand("SELECT extname FROM pg_extension ORDER BY 1", conn))
        await using (var er = await e.ExecuteReaderAsync())
            while (await er.ReadAsync()) exts.Add(er.GetString(0));
        Assert.Contains("vector", exts);
        Assert.Contains("cube", exts);
        Assert.Contains("lo", exts);
        Assert.Equal(0L, await new NpgsqlCommand("SELECT count(*) FROM lab.sample_images", conn).ExecuteScalarAsync());
    }

    [Fact]
    public async Task Learners_lose_connect_on_the_shared_databases()
    {
        await using var cmd = fixture.Server.Admin.CreateCommand(
            "SELECT datname FROM pg_database WHERE datname IN ('postgres','template1','immersivelab','lab_template') AND has_database_privilege('public', oid, 'CONNECT')");
        Assert.Null(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Metadata_migrations_are_applied_once()
    {
        await using var cmd = fixture.Server.Metadata.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)MetadataMigrator.Scripts.Count, await cmd.ExecuteScalarAsync());
        await fixture.Services.GetRequiredService<MetadataMigrator>().MigrateAsync(fixture.Server.Metadata, CancellationToken.None);
        Assert.Equal((long)MetadataMigrator.Scripts.Count, await cmd.ExecuteScalarAsync());
        await using var learners = fixture.Server.Metadata.CreateCommand("SELECT count(*) FROM learners");
        Assert.NotNull(await learners.ExecuteScalarAsync());
    }

    internal static async Task Exec(NpgsqlDataSource ds, string sql)
    {
        await using var cmd = ds.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
