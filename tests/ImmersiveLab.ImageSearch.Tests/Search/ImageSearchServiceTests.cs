using ImmersiveLab.ImageSearch.Tests.Support;
using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using SkiaSharp;

namespace ImmersiveLab.ImageSearch.Tests.Search;

[Collection(nameof(ImageSearchCollection))]
public sealed class ImageSearchServiceTests(ImageSearchFixture fx)
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(42)]
    public async Task An_uploaded_sample_finds_itself_first_by_signature_and_by_embedding(int id)
    {
        var learner = await fx.NewLearnerAsync();
        var sample = fx.Samples[id - 1];

        var result = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 5);

        foreach (var list in new[] { result.BySignature, result.ByEmbedding })
        {
            Assert.Null(list.Problem);
            Assert.Equal("lab.sample_images", list.Table);
            Assert.Equal(5, list.Hits.Count);
            Assert.Equal(id, list.Hits[0].Id);
            Assert.Equal(sample.Category, list.Hits[0].Category);
            Assert.Equal(sample.FileName, list.Hits[0].Info);
            Assert.InRange(list.Hits[0].Distance, 0, 1e-5);
            Assert.True(list.Hits.Zip(list.Hits.Skip(1)).All(p => p.First.Distance <= p.Second.Distance), "ordered by distance");
            Assert.All(list.Hits, h => Assert.NotNull(h.Bytes));
            Assert.Equal(sample.Bytes, list.Hits[0].Bytes);
            Assert.False(string.IsNullOrWhiteSpace(list.Hits[0].Attribution));
        }
        Assert.Contains("signature <-> '[", result.BySignature.Sql);
        Assert.Contains("embedding <=> '[", result.ByEmbedding.Sql);
    }

    [Fact]
    public async Task The_sql_it_returns_is_what_ran_and_gives_the_same_rows_when_pasted_into_a_cell()
    {
        var learner = await fx.NewLearnerAsync();
        var sample = fx.Samples[9];
        var result = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 7);

        foreach (var list in new[] { result.BySignature, result.ByEmbedding })
        {
            var pasted = await fx.RunOkAsync(learner, list.Sql!);
            Assert.Equal(list.Hits.Select(h => h.Id), pasted.Rows.Select(r => Convert.ToInt64(r[0])));
            var distance = pasted.Columns.ToList().FindIndex(c => c.Name == "distance");
            Assert.Equal(list.Hits.Select(h => h.Distance), pasted.Rows.Select(r => Convert.ToDouble(r[distance])));
            Assert.EndsWith("LIMIT 7;", list.Sql!.TrimEnd());
        }
    }

    [Fact]
    public async Task Nearest_neighbours_by_embedding_are_mostly_of_the_same_category()
    {
        var learner = await fx.NewLearnerAsync();
        var sameCategory = 0;
        foreach (var (sample, n) in fx.Samples.Select((s, n) => (s, n)))
        {
            var query = await fx.Search.PrepareAsync(sample.Bytes, sample.FileName, CancellationToken.None);
            var result = await fx.Search.SearchAsync(learner, query, k: 2, ImageSearchSource.Samples);
            Assert.Equal(n + 1, result.ByEmbedding.Hits[0].Id);
            if (result.ByEmbedding.Hits[1].Category == sample.Category) sameCategory++;
        }
        // 10 categories of 5: by chance the nearest other photo shares the category 4 times in 49 (8%).
        Assert.True(sameCategory >= fx.Samples.Count * 6 / 10, $"only {sameCategory} of {fx.Samples.Count} nearest neighbours share the category");
    }

    [Fact]
    public async Task The_learners_own_img_vec_and_img_raw_are_searched_when_they_exist()
    {
        var learner = await fx.NewLearnerAsync();
        await CreateLearnerTablesAsync(learner, withEmbedding: true, ids: [3, 4, 30]);
        var sample = fx.Samples[29];

        var result = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 10);

        foreach (var list in new[] { result.BySignature, result.ByEmbedding })
        {
            Assert.Equal("img_vec", list.Table);
            Assert.True(list.IsLearnerTable);
            Assert.Equal(new[] { 1003L, 1004L, 1030L }, list.Hits.Select(h => h.Id).Order());
            Assert.Equal(1030, list.Hits[0].Id);
            Assert.Equal($"mine: {sample.FileName}", list.Hits[0].Info);
            Assert.InRange(list.Hits[0].Distance, 0, 1e-5);
            Assert.Equal(sample.Bytes, list.Hits[0].Bytes);
            Assert.Contains("FROM img_vec AS v JOIN img_raw AS r ON r.id = v.id", list.Sql);
        }

        var samplesOnly = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 3, ImageSearchSource.Samples);
        Assert.Equal("lab.sample_images", samplesOnly.BySignature.Table);
        Assert.Equal(30, samplesOnly.BySignature.Hits[0].Id);
    }

    [Fact]
    public async Task An_img_vec_without_embeddings_is_used_for_signatures_and_the_samples_for_embeddings()
    {
        var learner = await fx.NewLearnerAsync();
        await CreateLearnerTablesAsync(learner, withEmbedding: false, ids: [5, 6]);
        var sample = fx.Samples[4];

        var auto = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 3);
        Assert.Equal("img_vec", auto.BySignature.Table);
        Assert.Equal(1005, auto.BySignature.Hits[0].Id);
        Assert.Equal("lab.sample_images", auto.ByEmbedding.Table);
        Assert.Equal(5, auto.ByEmbedding.Hits[0].Id);

        var mine = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 3, ImageSearchSource.LearnerTables);
        Assert.Empty(mine.ByEmbedding.Hits);
        Assert.Contains("no embedding column", mine.ByEmbedding.Problem);
    }

    [Fact]
    public async Task A_uniform_image_has_no_signature_search_but_an_embedding_search()
    {
        var learner = await fx.NewLearnerAsync();
        var white = TestImages.SolidPng(64, 48, SKColors.White);

        var result = await fx.Search.SearchAsync(learner, white, "white.png", k: 3);

        Assert.True(result.Query.IsUniform);
        Assert.True(float.IsNaN(result.Query.Analysis.Signature.Values[15]));
        Assert.Empty(result.BySignature.Hits);
        Assert.Null(result.BySignature.Sql);
        Assert.Contains("NaN", result.BySignature.Problem);
        Assert.Contains("pgvector", result.BySignature.Problem);
        Assert.Equal(3, result.ByEmbedding.Hits.Count);
    }

    [Fact]
    public async Task A_search_inside_the_learners_open_transaction_leaves_it_open_and_sees_its_rows()
    {
        var learner = await fx.NewLearnerAsync();
        await fx.RunOkAsync(learner, "BEGIN");
        await CreateLearnerTablesAsync(learner, withEmbedding: true, ids: [8]);
        var sample = fx.Samples[7];

        var result = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 2);
        Assert.Equal("img_vec", result.BySignature.Table);
        Assert.Equal(1008, result.BySignature.Hits[0].Id);

        var after = await fx.Runner.RunAsync(learner, "SELECT count(*) FROM img_vec", CancellationToken.None);
        Assert.Equal(TransactionStatus.InTransaction, after.Transaction);
        await fx.RunOkAsync(learner, "ROLLBACK");
        var gone = await fx.RunOkAsync(learner, "SELECT to_regclass('img_vec') IS NULL");
        Assert.Equal(true, gone.Rows[0][0]);
    }

    [Fact]
    public async Task A_failed_transaction_is_reported_with_what_to_do()
    {
        var learner = await fx.NewLearnerAsync();
        await fx.Runner.RunAsync(learner, "BEGIN; SELECT 1/0;", CancellationToken.None);
        var sample = fx.Samples[0];

        var result = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 2);

        Assert.Contains("ROLLBACK", result.BySignature.Problem);
        Assert.Contains("ROLLBACK", result.ByEmbedding.Problem);
        await fx.RunOkAsync(learner, "ROLLBACK");
        Assert.Equal(1, (await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 2)).BySignature.Hits[0].Id);
    }

    /// <summary>Bad inputs by name (bytes are made in the test: xunit serializes theory data at discovery).</summary>
    private static byte[] BadInput(string name) => name switch
    {
        "empty.png" => [],
        "notes.jpg" => "just some text, not a picture"u8.ToArray(),
        "page.jpg" => "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"u8.ToArray(),
        "logo.png" => "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(),
        "cut.jpg" => SampleImageCatalog.Load(TestSupport.RepoPaths.SampleImages).First(s => s.Format == ImageFormat.Jpeg).Bytes[..40],
        "dot.png" => TestImages.SolidPng(1, 1, SKColors.Red),
        "bomb.png" => TestImages.PngHeaderOnly(60_000, 60_000),
        "big.png" => [.. TestImages.SolidPng(16, 16, SKColors.Red), .. new byte[21 * 1024 * 1024]],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("empty.png", "empty (0 bytes)")]
    [InlineData("notes.jpg", "not a recognised image")]
    [InlineData("page.jpg", "HTML")]
    [InlineData("logo.png", "SVG images are not accepted")]
    [InlineData("cut.jpg", "truncated or corrupt")]
    [InlineData("dot.png", "1×1")]
    [InlineData("bomb.png", "refused before decoding")]
    [InlineData("big.png", "the limit is 20 MB")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_nothing_is_written(string name, string message)
    {
        var bytes = BadInput(name);
        var learner = await fx.NewLearnerAsync();
        const string state = """
            SELECT (SELECT count(*) FROM pg_catalog.pg_class WHERE relnamespace = 'public'::regnamespace)
                 + (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata)
                 + (SELECT count(*) FROM lab.sample_images)
            """;
        var before = (await fx.RunOkAsync(learner, state)).Rows[0][0];

        var e = await Assert.ThrowsAsync<ImageRejectedException>(() => fx.Search.SearchAsync(learner, bytes, name, k: 3));

        Assert.Contains(message, e.Message);
        Assert.Equal(before, (await fx.RunOkAsync(learner, state)).Rows[0][0]);
    }

    [Theory]
    [InlineData("dahlia.jpg")]
    [InlineData("12")]
    public async Task A_sample_is_read_from_the_learners_sandbox_by_file_name_or_id(string key)
    {
        var learner = await fx.NewLearnerAsync();
        var query = await fx.Search.PrepareSampleAsync(learner, key, CancellationToken.None);
        var expected = key == "12" ? fx.Samples[11] : fx.Samples.Single(s => s.FileName == key);
        Assert.Equal(expected.Bytes, query.Bytes);
        Assert.Equal($"{expected.Category}/{expected.FileName}", query.FileName);
        Assert.Equal(ImgsmlrPipeline.Analyse(expected.Bytes).Signature.Values, query.Analysis.Signature.Values);

        var missing = await Assert.ThrowsAsync<ImageSearchException>(() => fx.Search.PrepareSampleAsync(learner, "no-such.jpg", CancellationToken.None));
        Assert.Contains("no-such.jpg", missing.Message);
        Assert.Equal(50, (await fx.Search.ListSamplesAsync(learner, CancellationToken.None)).Count);
    }

    /// <summary>img_raw/img_vec as the issue defines them, holding copies of some samples under ids 1000 + sample id.</summary>
    [Fact]
    public async Task An_img_vec_made_but_not_filled_yet_is_not_the_learners_so_auto_searches_the_samples()
    {
        var learner = await fx.NewLearnerAsync();
        await CreateLearnerTablesAsync(learner, withEmbedding: true, ids: []);
        var sample = fx.Samples[4];

        var auto = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 3);
        foreach (var list in new[] { auto.BySignature, auto.ByEmbedding })
        {
            Assert.Equal("lab.sample_images", list.Table);
            Assert.Equal(5, list.Hits[0].Id);
        }

        var mine = await fx.Search.SearchAsync(learner, sample.Bytes, sample.FileName, k: 3, ImageSearchSource.LearnerTables);
        Assert.Equal("img_vec", mine.BySignature.Table);
        Assert.Empty(mine.BySignature.Hits);
    }

    private async Task CreateLearnerTablesAsync(LearnerRef learner, bool withEmbedding, int[] ids)
    {
        var idList = ids.Length == 0 ? "NULL" : string.Join(",", ids);
        await fx.RunOkAsync(learner, $"""
            CREATE TABLE img_raw (id int PRIMARY KEY, info text, ts timestamp, raw bytea);
            CREATE TABLE img_vec (id int PRIMARY KEY REFERENCES img_raw(id), pattern vector(4096), signature vector(16), sig cube
                                  {(withEmbedding ? ", embedding vector(1280)" : "")});
            INSERT INTO img_raw SELECT 1000 + id, 'mine: ' || file_name, now(), bytes FROM lab.sample_images WHERE id IN ({idList});
            INSERT INTO img_vec SELECT 1000 + id, pattern, signature, signature_cube {(withEmbedding ? ", embedding" : "")}
                                FROM lab.sample_images WHERE id IN ({idList});
            """);
    }
}
