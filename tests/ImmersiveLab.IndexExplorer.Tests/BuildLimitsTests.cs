using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Sql;
using ImmersiveLab.IndexExplorer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.IndexExplorer.Tests;

[Collection(nameof(ExplorerCollection))]
public sealed class BuildLimitsTests(ExplorerFixture fx)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<(Guid Learner, DatasetInfo Dataset)> MediumDatasetAsync(SqlTranscript transcript, int rows)
    {
        var learner = await fx.NewLearnerIdAsync();
        var dataset = await fx.Generator.GenerateAsync(learner, new DatasetSpec
        {
            TableName = "medium", Shape = DatasetShape.Uniform, Rows = rows, Dimensions = 32, Queries = 5,
        }, transcript, null, None);
        return (learner, dataset);
    }

    [Fact]
    public async Task Build_progress_comes_from_pg_stat_progress_create_index_while_the_build_runs()
    {
        var transcript = new SqlTranscript();
        var (learner, dataset) = await MediumDatasetAsync(transcript, 8000);
        var progress = new Recorder<BuildProgress>();

        await fx.Builder.BuildAsync(learner, dataset, new IndexSpec { Kind = IndexKind.Hnsw, M = 8, EfConstruction = 32 }, transcript, progress, None);

        var live = progress.Items.Where(p => !p.Finished && p.Phase != "starting").ToList();
        Assert.NotEmpty(live);
        Assert.All(live, p => Assert.StartsWith("building index", p.Phase));
        Assert.Contains(live, p => p.Fraction is > 0 and < 1);
        var poll = Assert.Single(transcript.Entries, e => e.Sql.Contains("pg_stat_progress_create_index", StringComparison.Ordinal));
        Assert.True(poll.Repetitions >= live.Count);
    }

    [Fact]
    public async Task The_build_stops_at_its_statement_timeout_and_leaves_no_index()
    {
        var transcript = new SqlTranscript();
        var (learner, dataset) = await MediumDatasetAsync(transcript, 20_000);
        var strict = new IndexBuilder(fx.Connections, fx.Get<LearnerGate>(), fx.Get<BuildAdmission>(),
            Options.Create(new IndexExplorerOptions { BuildTimeout = TimeSpan.FromMilliseconds(200) }), NullLogger<IndexBuilder>.Instance);

        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            strict.BuildAsync(learner, dataset, new IndexSpec { Kind = IndexKind.Hnsw, M = 32, EfConstruction = 400 }, transcript, null, None));

        Assert.Equal(PostgresErrorCodes.QueryCanceled, e.SqlState);
        Assert.Contains("statement timeout", e.MessageText);
        Assert.Contains(transcript.Entries, t => t.Sql == "SET statement_timeout = 200");
        Assert.Empty(await fx.Get<IndexCatalog>().ListAsync(learner, dataset, transcript, None));
    }
}
