using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Sql;

namespace ImmersiveLab.IndexExplorer.Tests;

public sealed class IndexSqlTests
{
    private static readonly DatasetInfo Items = new() { TableName = "items", Shape = DatasetShape.Clustered, Rows = 10, Dimensions = 16, Queries = 1, HasCube = true };

    [Theory]
    [InlineData(IndexKind.Hnsw, DistanceMetric.Cosine, "CREATE INDEX items_hnsw_cos_m16_ef64 ON public.items USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)")]
    [InlineData(IndexKind.IvfFlat, DistanceMetric.InnerProduct, "CREATE INDEX items_ivf_ip_l100 ON public.items USING ivfflat (embedding vector_ip_ops) WITH (lists = 100)")]
    [InlineData(IndexKind.Gist, DistanceMetric.L2, "CREATE INDEX items_gist_cube ON public.items USING gist (embedding_cube)")]
    public void Create_index_statements(IndexKind kind, DistanceMetric metric, string expected) =>
        Assert.Equal(expected, IndexSql.CreateIndex(Items, new IndexSpec { Kind = kind, Metric = metric }));

    [Fact]
    public void Invalid_parameters_are_explained()
    {
        Assert.Contains("2 · m", new IndexSpec { M = 40, EfConstruction = 64 }.Validate(Items));
        Assert.Contains("l2", new IndexSpec { Kind = IndexKind.Gist, Metric = DistanceMetric.Cosine }.Validate(Items));
        Assert.Contains("100 dimensions", new IndexSpec { Kind = IndexKind.Gist }.Validate(Items with { Dimensions = 1280, HasCube = false }));
        Assert.Null(new IndexSpec { Kind = IndexKind.IvfFlat, Lists = 50 }.Validate(Items));
    }

    [Fact]
    public void A_search_shown_with_its_values_is_runnable_text()
    {
        var sql = IndexSql.Search(Items, new SearchTarget(DistanceMetric.L2, UsesCube: false), 5, filtered: true);
        Assert.Equal("""
            SELECT id, embedding <-> (SELECT embedding FROM public.items_queries WHERE id = 3) AS distance
            FROM public.items
            WHERE category = 'it''s'
            ORDER BY distance
            LIMIT 5
            """, SqlLiteral.Inline(sql, 3, "it's"));
    }
}
