using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

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
