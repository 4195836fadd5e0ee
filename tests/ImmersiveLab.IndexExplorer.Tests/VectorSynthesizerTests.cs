using ImmersiveLab.IndexExplorer.Datasets;

namespace ImmersiveLab.IndexExplorer.Tests;

public sealed class VectorSynthesizerTests
{
    [Fact]
    public void The_same_seed_gives_the_same_rows_and_queries_differ_from_rows()
    {
        var spec = new DatasetSpec { Shape = DatasetShape.Clustered, Rows = 200, Dimensions = 4, Queries = 10, Clusters = 3, Seed = 7 };
        var a = VectorSynthesizer.Generated(spec).Rows().ToList();
        var b = VectorSynthesizer.Generated(spec).Rows().ToList();
        var q = VectorSynthesizer.Generated(spec).Queries().ToList();

        Assert.Equal(a.Select(r => r.Vector), b.Select(r => r.Vector));
        Assert.Equal(a.Select(r => r.Category), b.Select(r => r.Category));
        Assert.DoesNotContain(q, query => a.Any(row => row.Vector.SequenceEqual(query.Vector)));
        Assert.Equal(Enumerable.Range(1, 10), q.Select(r => r.Id));
    }

    [Theory]
    [InlineData(2000, 0.01, 20)]
    [InlineData(3000, 0.01, 30)]
    [InlineData(1000, 0.05, 50)]
    [InlineData(99, 0.01, 0)]
    public void The_rare_category_has_exactly_its_share(int rows, double fraction, int expected)
    {
        var spec = new DatasetSpec { Shape = DatasetShape.Uniform, Rows = rows, Dimensions = 2, RareCategoryFraction = fraction };
        Assert.Equal(expected, VectorSynthesizer.Generated(spec).Rows().Count(r => r.Category == DatasetSpec.RareCategory));
    }

    [Fact]
    public void Clustered_points_stay_near_few_centres()
    {
        var spec = new DatasetSpec { Shape = DatasetShape.Clustered, Rows = 500, Dimensions = 8, Clusters = 1, ClusterSpread = 0.01 };
        var rows = VectorSynthesizer.Generated(spec).Rows().Select(r => r.Vector).ToList();
        var maxSpread = Enumerable.Range(0, 8).Max(j => rows.Max(v => v[j]) - rows.Min(v => v[j]));
        Assert.True(maxSpread < 0.1, $"one tight cluster, spread {maxSpread}");
    }
}
