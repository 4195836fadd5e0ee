using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Sql;
using ImmersiveLab.IndexExplorer.Tests.Support;

namespace ImmersiveLab.IndexExplorer.Tests;

[Collection(nameof(ExplorerCollection))]
public sealed class FilteredSearchTests(ExplorerFixture fx)
{
    [Fact]
    public async Task A_rare_category_comes_back_short_through_hnsw_and_complete_with_the_iterative_scan()
    {
        var learner = await fx.NewLearnerIdAsync();
        var transcript = new SqlTranscript();
        // 1% of 3000 rows are "rare": HNSW's default 40 candidates hold about 0.4 of them.
        var dataset = await fx.Generator.GenerateAsync(learner, new DatasetSpec
        {
            TableName = "filtered", Shape = DatasetShape.Uniform, Rows = 3000, Dimensions = 16, Queries = 20, RareCategoryFraction = 0.01,
        }, transcript, null, CancellationToken.None);
        var hnsw = await fx.Builder.BuildAsync(learner, dataset, new IndexSpec { Kind = IndexKind.Hnsw }, transcript, null, CancellationToken.None);

        var result = await fx.Filtered.RunAsync(learner, dataset, hnsw, DatasetSpec.RareCategory, 10, transcript, CancellationToken.None);

        Assert.Equal(30, result.CategoryRows);
        Assert.Equal(10, result.Exact.MeanRows);
        Assert.True(result.Plain.MeanRows < 10, $"plain returned {result.Plain.MeanRows} rows on average");
        Assert.True(result.Plain.ShortQueries > 0);
        Assert.Equal(10, result.Iterative.MeanRows);
        Assert.Equal(0, result.Iterative.ShortQueries);
        Assert.True(result.Iterative.Recall > result.Plain.Recall, $"iterative {result.Iterative.Recall} vs plain {result.Plain.Recall}");
        Assert.Contains(transcript.Entries, e => e.Sql == "SET LOCAL hnsw.iterative_scan = relaxed_order");
        Assert.Contains(transcript.Entries, e => e.Sql.Contains("WHERE category = 'rare'", StringComparison.Ordinal));
    }
}
