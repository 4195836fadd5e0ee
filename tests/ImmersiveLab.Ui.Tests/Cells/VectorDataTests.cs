using Pgvector;
using static ImmersiveLab.Ui.Tests.Support.StatementResults;

namespace ImmersiveLab.Ui.Tests.Cells;

public sealed class VectorDataTests
{
    [Fact]
    public void Buckets_keep_a_single_spike_visible()
    {
        var values = new float[4096];
        values[1234] = -7f;
        var data = VectorData.FromDense(VectorKind.Vector, values);
        var buckets = data.Buckets(64);
        Assert.Equal(64, buckets.Length);
        Assert.Equal(-7f, buckets[1234 * 64 / 4096]);
        Assert.Equal(63, buckets.Count(b => b == 0));
    }

    [Fact]
    public void Small_vectors_get_one_bucket_per_dimension()
    {
        var data = VectorData.FromDense(VectorKind.Vector, [1, -2, 3]);
        Assert.Equal([1f, -2f, 3f], data.Buckets(60));
        Assert.Equal("[1, -2, …]", data.Preview(2));
    }

    [Fact]
    public void Sparse_vectors_are_never_densified_and_count_from_one()
    {
        var data = VectorReader.TryRead(Col("s", "sparsevec"), new SparseVector("{2:0.5,100000:3}/100000"))!;
        Assert.True(data.IsSparse);
        Assert.Equal(100000, data.Dimensions);
        Assert.Equal("{2:0.5, 100000:3}/100000", data.Preview(5));
        Assert.Equal(0.5f, data[1]);
        Assert.Equal(0f, data[2]);
        var buckets = data.Buckets(10);
        Assert.Equal(3f, buckets[9]);
        Assert.Equal(0.5f, buckets[0]);
    }

    [Fact]
    public void Cube_points_and_boxes_parse()
    {
        var point = VectorReader.TryParseCube("(1, 2.5, -3)")!;
        Assert.Equal([1f, 2.5f, -3f], point.Dense!);
        Assert.Null(point.Upper);
        var box = VectorReader.TryParseCube("(1, 2),(3, 4)")!;
        Assert.Equal([3f, 4f], box.Upper!);
        Assert.Null(VectorReader.TryParseCube("(1, x)"));
    }

    [Theory]
    [InlineData("vector(3)", "vector")]
    [InlineData("public.vector", "vector")]
    [InlineData("_float4", "real[]")]
    [InlineData("real[]", "real[]")]
    [InlineData("bit varying(8)", "bit")]
    [InlineData("character varying(20)", "character varying")]
    public void Type_names_normalise(string raw, string expected) => Assert.Equal(expected, PgTypeName.Normalize(raw));
}
