using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ImmersiveLab.SampleImages;

namespace ImmersiveLab.Database.Tests;

public sealed class SampleImagesFixture : LabServerFixture
{
    protected override bool WithSampleImages => true;
}

/// <summary>The template is filled with the repository's sample photos and their vectors.</summary>
public sealed class SampleImagesTemplateTests(SampleImagesFixture fixture) : IClassFixture<SampleImagesFixture>
{
    [Fact]
    public async Task Every_catalogued_sample_is_in_the_template_with_pattern_signature_cube_and_embedding()
    {
        var catalogued = File.ReadAllLines(Path.Combine(RepoPaths.SampleImages, "catalog.tsv")).Skip(1).Count(l => l.Trim().Length > 0);
        var copy = "samples_" + Guid.NewGuid().ToString("N")[..8];
        await EmbeddedClusterTests.Exec(fixture.Server.Admin, $"CREATE DATABASE {copy} TEMPLATE lab_template");
        await using var conn = new NpgsqlConnection(fixture.Server.ConnectionStringFor(copy));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT category),
                   count(*) FILTER (WHERE vector_dims(pattern) = 4096 AND vector_dims(signature) = 16 AND cube_dim(signature_cube) = 16),
                   count(embedding),
                   min(abs(vector_norm(embedding) - 1)) < 1e-3,
                   bool_and(substring(bytes from 1 for 2) IN ('\xffd8'::bytea, '\x8950'::bytea))
            FROM lab.sample_images
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.Equal(catalogued, r.GetInt64(0));
        Assert.Equal(10, r.GetInt64(1));
        Assert.Equal(catalogued, r.GetInt64(2));
        Assert.Equal(catalogued, r.GetInt64(3)); // the model committed in models/
        Assert.True(r.GetBoolean(4));
        Assert.True(r.GetBoolean(5));
    }

    private async Task<NpgsqlConnection> CopyAsync(string prefix)
    {
        var copy = prefix + Guid.NewGuid().ToString("N")[..8];
        await EmbeddedClusterTests.Exec(fixture.Server.Admin, $"CREATE DATABASE {copy} TEMPLATE lab_template");
        var conn = new NpgsqlConnection(fixture.Server.ConnectionStringFor(copy));
        await conn.OpenAsync();
        return conn;
    }

    [Fact]
    public async Task The_first_photo_of_each_category_has_six_edited_copies_with_their_vectors()
    {
        await using var conn = await CopyAsync("variants_");
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT v.source_id), count(DISTINCT s.category), count(DISTINCT v.kind),
                   bool_and(v.id = 1000 + 10 * v.source_id + array_position(
                       ARRAY['resized', 'cropped', 'recompressed', 'mirrored', 'darkened', 'watermarked'], v.kind)),
                   bool_and(v.source_id = (SELECT min(f.id) FROM lab.sample_images AS f WHERE f.category = s.category)),
                   bool_and(substring(v.bytes FROM 1 FOR 3) = '\xffd8ff'::bytea AND v.format = 'jpeg'),
                   count(v.embedding), bool_and(cube_dim(v.signature_cube) = 16),
                   bool_and(v.bytes <> s.bytes)
            FROM lab.sample_variants AS v JOIN lab.sample_images AS s ON s.id = v.source_id
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.Equal(60, r.GetInt64(0));
        Assert.Equal(10, r.GetInt64(1));
        Assert.Equal(10, r.GetInt64(2));
        Assert.Equal(6, r.GetInt64(3));
        Assert.True(r.GetBoolean(4), "ids are 1000 + 10 × source + kind number");
        Assert.True(r.GetBoolean(5), "sources are the first photo of each category");
        Assert.True(r.GetBoolean(6), "every copy is a JPEG");
        Assert.Equal(60, r.GetInt64(7));
        Assert.True(r.GetBoolean(8));
        Assert.True(r.GetBoolean(9));
    }

    [Fact]
    public async Task Every_sample_carries_the_models_five_most_likely_imagenet_labels()
    {
        await using var conn = await CopyAsync("labels_");
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE cardinality(labels) = 5),
                   (SELECT labels[1] FROM lab.sample_images WHERE file_name = 'fire-truck.png'),
                   (SELECT labels[1] FROM lab.sample_images WHERE file_name = 'garbage-truck.png')
            FROM lab.sample_images
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.Equal(50, r.GetInt64(0));
        Assert.Equal("fire engine, fire truck", r.GetString(1));
        Assert.Equal("garbage truck, dustcart", r.GetString(2));
    }

    [Fact]
    public async Task A_mirrored_copy_has_its_sources_signature_up_to_rounding_but_a_distant_pattern()
    {
        await using var conn = await CopyAsync("mirror_");
        // JPEG sources only: a PNG with transparency is seen on black by imgsmlr and on white in its JPEG copies.
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*),
                   max(v.signature <-> s.signature),
                   min(lab.pattern_distance(v.pattern, s.pattern)),
                   (SELECT min(a.signature <-> b.signature) FROM lab.sample_images AS a JOIN lab.sample_images AS b ON a.id < b.id)
            FROM lab.sample_variants AS v JOIN lab.sample_images AS s ON s.id = v.source_id
            WHERE v.kind = 'mirrored' AND s.format = 'jpeg'
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.True(r.GetInt64(0) >= 5);
        var largestSignatureDistance = r.GetDouble(1);
        Assert.True(largestSignatureDistance < 0.05, $"mirrored signature distance {largestSignatureDistance}");
        Assert.True(largestSignatureDistance * 10 < r.GetDouble(3), "far nearer than any two different samples");
        Assert.True(r.GetDouble(2) > 1, $"mirrored pattern distance {r.GetDouble(2)}");
    }

    [Fact]
    public async Task A_darkened_copy_has_its_sources_pattern_up_to_rounding()
    {
        await using var conn = await CopyAsync("dark_");
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*),
                   max((SELECT max(abs(x - y)) FROM unnest(v.pattern::real[], s.pattern::real[]) AS u(x, y))),
                   max((SELECT max(abs(x - y)) FROM unnest(r.pattern::real[], s.pattern::real[]) AS u(x, y)))
            FROM lab.sample_variants AS v
            JOIN lab.sample_images AS s ON s.id = v.source_id
            JOIN lab.sample_variants AS r ON r.source_id = v.source_id AND r.kind = 'resized'
            WHERE v.kind = 'darkened' AND s.format = 'jpeg'
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.True(r.GetInt64(0) >= 5);
        var darkened = r.GetFloat(1);
        Assert.True(darkened < 0.02f, $"largest cell difference of a darkened copy: {darkened}");
        Assert.True(darkened * 4 < r.GetFloat(2), "a resize changes the pattern more than darkening");
    }

    [Fact]
    public async Task Shuffle_pattern_in_sql_and_the_precomputed_column_equal_the_csharp_shuffler_bit_for_bit()
    {
        await using var conn = await CopyAsync("shuffle_");
        await using var cmd = new NpgsqlCommand("""
            SELECT s.pattern::real[], lab.shuffle_pattern(s.pattern)::real[], s.shuffled_pattern::real[],
                   (SELECT bool_and(v.shuffled_pattern = lab.shuffle_pattern(v.pattern)) FROM lab.sample_variants AS v WHERE v.id IN (1014, 1466))
            FROM lab.sample_images AS s
            WHERE s.id IN (1, 46)
            ORDER BY s.id
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = 0;
        while (await r.ReadAsync())
        {
            var expected = PatternShuffler.Shuffle(new ImgsmlrPattern(r.GetFieldValue<float[]>(0))).Values;
            var inSql = r.GetFieldValue<float[]>(1);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), inSql.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), r.GetFieldValue<float[]>(2).Select(BitConverter.SingleToInt32Bits));
            Assert.NotEqual(r.GetFieldValue<float[]>(0), inSql);
            Assert.True(r.GetBoolean(3));
            rows++;
        }
        Assert.Equal(2, rows);
    }

    [Fact]
    public async Task Same_category_photos_are_nearer_by_embedding_than_other_categories_on_average()
    {
        var copy = "near_" + Guid.NewGuid().ToString("N")[..8];
        await EmbeddedClusterTests.Exec(fixture.Server.Admin, $"CREATE DATABASE {copy} TEMPLATE lab_template");
        await using var conn = new NpgsqlConnection(fixture.Server.ConnectionStringFor(copy));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT avg(a.embedding <=> b.embedding) FILTER (WHERE a.category = b.category),
                   avg(a.embedding <=> b.embedding) FILTER (WHERE a.category <> b.category)
            FROM lab.sample_images a JOIN lab.sample_images b ON a.id < b.id
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.True(r.GetDouble(0) < r.GetDouble(1), $"same {r.GetDouble(0)} vs other {r.GetDouble(1)}");
    }
}

/// <summary>The template's sample data is rebuilt whenever what decides the embeddings changes.</summary>
public sealed class SampleImageSourceVersionTests
{
    private static async Task<string> VersionWith(ModelOptions modelOptions, EmbeddingOptions embeddingOptions)
    {
        var store = new ModelStore(modelOptions, () => new HttpClient());
        using var embedder = new ImageEmbedder(store, embeddingOptions);
        var source = new SampleImageSource(RepoPaths.SampleImages, new ImageFeatureExtractor(embedder), store, NullLogger<SampleImageSource>.Instance);
        return await source.GetVersionAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_version_names_the_model_and_the_preprocessing_so_a_change_rebuilds_the_template()
    {
        using var empty = new TempDirectory();
        var withModel = new ModelOptions { ModelDirectory = empty.Path };
        var letterbox = await VersionWith(withModel, new EmbeddingOptions { Framing = EmbeddingFraming.Letterbox, AverageMirror = false });
        var crop = await VersionWith(withModel, new EmbeddingOptions { Framing = EmbeddingFraming.CentreCrop, AverageMirror = false });
        var mirror = await VersionWith(withModel, new EmbeddingOptions { Framing = EmbeddingFraming.Letterbox, AverageMirror = true });
        var noModel = await VersionWith(new ModelOptions { ModelDirectory = empty.Path, BundledDirectory = "", FallbackDirectories = [] }, new EmbeddingOptions());

        Assert.Contains(ModelManifest.MobileNetV2Int8.Sha256[..16], letterbox);
        Assert.Contains(EmbeddingPreprocessing.Default.Id, await VersionWith(withModel, new EmbeddingOptions()));
        Assert.Equal(4, new[] { letterbox, crop, mirror, noModel }.Distinct().Count());
        Assert.EndsWith("no-embeddings", noModel);
    }
}
