using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Sql;
using ImmersiveLab.IndexExplorer.Tests.Support;
using Npgsql;
using Pgvector;

namespace ImmersiveLab.IndexExplorer.Tests;

[Collection(nameof(ExplorerCollection))]
public sealed class DatasetGeneratorTests(ExplorerFixture fx)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_sample_embeddings_are_copied_then_expanded_with_noisy_copies()
    {
        var learner = await fx.NewLearnerIdAsync();
        var dataset = await fx.Generator.GenerateAsync(learner, new DatasetSpec
        {
            TableName = "photos", Shape = DatasetShape.Samples, Rows = 100, Queries = 10, SampleNoise = 0.05,
        }, new SqlTranscript(), null, None);

        Assert.Equal(1280, dataset.Dimensions);
        Assert.False(dataset.HasCube);
        Assert.Equal(SyntheticSampleImages.Categories.Order(), dataset.Categories);

        var source = await fx.Connections.OpenForLearnerAsync(learner, None);
        await using var cmd = source.CreateCommand("SELECT id, category, embedding FROM public.photos WHERE id IN (1, 25) ORDER BY id");
        await using var r = await cmd.ExecuteReaderAsync(None);
        Assert.True(await r.ReadAsync(None));
        Assert.Equal(SyntheticSampleImages.Embedding(1), r.GetFieldValue<Vector>(2).ToArray()); // row 1 is sample 1 as is
        Assert.True(await r.ReadAsync(None));
        var noisy = r.GetFieldValue<Vector>(2).ToArray(); // row 25 is a noisy copy of sample 1
        Assert.NotEqual(SyntheticSampleImages.Embedding(1), noisy);
        Assert.Equal(r.GetString(1), SyntheticSampleImages.Categories[1 % 3]);
        var distance = Math.Sqrt(noisy.Zip(SyntheticSampleImages.Embedding(1), (a, b) => (double)(a - b) * (a - b)).Sum());
        Assert.InRange(distance, 1, 20); // σ ≈ 0.05 · 3.5 per coordinate over 1280 coordinates ≈ 6
    }

    [Fact]
    public async Task The_tables_belong_to_the_learner_and_the_generated_cube_matches_the_vector()
    {
        var learner = await fx.NewLearnerIdAsync();
        await fx.Generator.GenerateAsync(learner, new DatasetSpec { TableName = "owned", Rows = 50, Dimensions = 3, Queries = 2 }, new SqlTranscript(), null, None);

        var source = await fx.Connections.OpenForLearnerAsync(learner, None);
        await using var cmd = source.CreateCommand("""
            SELECT pg_get_userbyid(c.relowner) = current_user, current_user LIKE 'lrn\_%',
                   (SELECT bool_and(cube_ll_coord(embedding_cube, 2) = (embedding::real[])[2]) FROM public.owned)
            FROM pg_class c WHERE c.oid = 'public.owned'::regclass
            """);
        await using var r = await cmd.ExecuteReaderAsync(None);
        Assert.True(await r.ReadAsync(None));
        Assert.True(r.GetBoolean(0), "owned by the connecting role");
        Assert.True(r.GetBoolean(1), "connected as a learner role, not the admin");
        Assert.True(r.GetBoolean(2));
    }

    [Fact]
    public async Task A_table_the_explorer_did_not_make_is_never_replaced()
    {
        var learner = await fx.NewLearnerIdAsync();
        var source = await fx.Connections.OpenForLearnerAsync(learner, None);
        await using (var create = source.CreateCommand("CREATE TABLE public.mine (x int); INSERT INTO public.mine VALUES (7)"))
            await create.ExecuteNonQueryAsync(None);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fx.Generator.GenerateAsync(learner, new DatasetSpec { TableName = "mine", Rows = 10, Dimensions = 2, Queries = 1 }, new SqlTranscript(), null, None));

        Assert.Contains("not made by the index explorer", e.Message);
        await using var check = source.CreateCommand("SELECT x FROM public.mine");
        Assert.Equal(7, await check.ExecuteScalarAsync(None));
    }

    [Fact]
    public async Task A_cancelled_load_leaves_nothing_behind()
    {
        var learner = await fx.NewLearnerIdAsync();
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfterRows(cts, 5000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fx.Generator.GenerateAsync(learner, new DatasetSpec { TableName = "halfway", Rows = 50_000, Dimensions = 64, Queries = 5 }, new SqlTranscript(), progress, cts.Token));

        var source = await fx.Connections.OpenForLearnerAsync(learner, None);
        await using var cmd = source.CreateCommand("SELECT to_regclass('public.halfway') IS NULL AND to_regclass('public.halfway_queries') IS NULL");
        Assert.Equal(true, await cmd.ExecuteScalarAsync(None));
    }

    [Theory]
    [InlineData("Items", "lowercase")]
    [InlineData("1items", "lowercase")]
    [InlineData("items; drop table x", "lowercase")]
    [InlineData("select", "reserved")]
    [InlineData("pg_items", "pg_")]
    [InlineData("", "name")]
    [InlineData("a_name_that_is_much_too_long_for_derived_names", "40")]
    public async Task Bad_table_names_are_refused_before_anything_runs(string name, string reason)
    {
        Assert.Contains(reason, SqlIdentifier.ValidateTableName(name));
        var transcript = new SqlTranscript();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            fx.Generator.GenerateAsync(Guid.NewGuid(), new DatasetSpec { TableName = name }, transcript, null, None));
        Assert.Contains("Table name", e.Message);
        Assert.Empty(transcript.Entries);
    }

    [Fact]
    public async Task The_reserved_word_list_covers_every_word_the_server_reserves()
    {
        await using var cmd = fx.Server.Admin.CreateCommand("SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T')");
        await using var r = await cmd.ExecuteReaderAsync(None);
        var missing = new List<string>();
        while (await r.ReadAsync(None))
            if (SqlIdentifier.ValidateTableName(r.GetString(0)) is null) missing.Add(r.GetString(0));
        Assert.Empty(missing);
    }

    private sealed class CancelAfterRows(CancellationTokenSource cts, long rows) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            if (value.RowsDone >= rows) cts.Cancel();
        }
    }
}
