using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.SqlAssist.Tests.Support;

/// <summary>
/// A real cluster with sandboxes, the repository's labs and the SQL assist services, and one learner whose sandbox holds
/// the tables the completion tests complete against (read once, through that learner's session).
/// </summary>
public class AssistFixture : SandboxServerFixture
{
    public const string SetupSql = """
        CREATE TABLE img_raw (id int PRIMARY KEY, name text NOT NULL, data bytea, v vector(3));
        COMMENT ON TABLE img_raw IS 'Raw pictures';
        COMMENT ON COLUMN img_raw.name IS 'The file name';
        CREATE TABLE photos (id int PRIMARY KEY, category text, embedding vector(1280), code bit(64), sig cube);
        CREATE VIEW cats AS SELECT id, category FROM photos WHERE category = 'cat';
        CREATE INDEX img_raw_v_hnsw ON img_raw USING hnsw (v vector_l2_ops) WITH (m = 8);
        CREATE FUNCTION my_norm(x vector) RETURNS double precision LANGUAGE sql AS 'SELECT vector_norm(x)';
        """;

    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var c = base.Configuration(dataDirectory);
        c["Labs:LabsDirectory"] = RepoPaths.Labs;
        c["Labs:SampleImagesDirectory"] = RepoPaths.SampleImages;
        c["SqlAssist:RetryDelay"] = "00:00:00.200";
        return c;
    }

    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        base.ConfigureServices(services, configuration);
        services.AddLabs(configuration);
        services.AddSqlAssist(configuration);
    }

    /// <summary>The learner the completion tests share; its sandbox holds <see cref="SetupSql"/>.</summary>
    public LearnerRef Learner { get; private set; } = null!;

    /// <summary>That learner's catalog, read through their session.</summary>
    public SqlCatalog Catalog { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Learner = await NewLearnerAsync("shared");
        await RunOkAsync(Learner, SetupSql);
        var lookup = await Get<CatalogCache>().GetAsync(Learner.Id, CancellationToken.None);
        for (var i = 0; i < 50 && lookup.Freshness != CatalogFreshness.Fresh; i++)
        {
            await Task.Delay(100);
            lookup = await Get<CatalogCache>().GetAsync(Learner.Id, CancellationToken.None);
        }
        Assert.Equal(CatalogFreshness.Fresh, lookup.Freshness);
        Catalog = lookup.Catalog;
    }

    /// <summary>Reads the learner's part of the catalog directly (no cache).</summary>
    public async Task<LearnerCatalogPart> ReadLearnerPartAsync(LearnerRef learner)
    {
        var read = await Get<SessionReader>().ReadAsync(learner.Id, CatalogReader.ReadLearnerPartAsync, CancellationToken.None);
        Assert.True(read.Succeeded, $"{read.Outcome} {read.Reason}");
        return read.Value!;
    }
}

[CollectionDefinition(nameof(AssistCollection))]
public sealed class AssistCollection : ICollectionFixture<AssistFixture>;
