using System.Collections;
using ImmersiveLab.Imaging;
using Pgvector;
using static ImmersiveLab.Ui.Tests.Support.StatementResults;

namespace ImmersiveLab.Ui.Tests.Cells;

public sealed class CellRendererSelectorTests
{
    private static CellRendering Select(string type, object? value, string name = "c", string sql = "SELECT c FROM t", Func<uint, ImageFormat?>? lo = null)
    {
        var result = Of(sql, [Col(name, type)], [value]);
        var profile = ResultProfiler.Profile(result);
        return CellRendererSelector.Select(profile.Columns[0], value, lo);
    }

    public static TheoryData<string, ImageFormat> RasterImages() => new()
    {
        { "png", ImageFormat.Png }, { "jpeg", ImageFormat.Jpeg }, { "gif", ImageFormat.Gif }, { "webp", ImageFormat.WebP }, { "bmp", ImageFormat.Bmp },
    };

    private static byte[] Bytes(string kind) => kind switch
    {
        "png" => TestImages.Png(), "jpeg" => TestImages.Jpeg(), "gif" => TestImages.Gif(), "webp" => TestImages.WebP(), "bmp" => TestImages.Bmp(),
        _ => throw new ArgumentException(kind),
    };

    [Fact]
    public void Cells_show_and_copy_the_text_psql_shows()
    {
        Assert.Equal((CellKind.Boolean, "t"), (Select("boolean", true).Kind, Select("boolean", true).Text));
        Assert.Equal("f", Select("boolean", false).Text);
        Assert.Equal("1e+20", Select("double precision", 1e20).Text);
        Assert.Equal("[1e+06,0.5]", Select("vector", new Vector(new[] { 1e6f, 0.5f })).Text);
    }

    [Theory]
    [MemberData(nameof(RasterImages))]
    public void Raster_image_bytes_are_images_by_their_magic_bytes(string kind, ImageFormat format)
    {
        var r = Select("bytea", Bytes(kind));
        Assert.Equal(CellKind.Image, r.Kind);
        Assert.Equal(format, r.ImageFormat);
    }

    [Fact]
    public void Svg_named_like_a_png_is_bytes_not_an_image()
    {
        // The column is even called like a PNG file: only the bytes count.
        var r = Select("bytea", TestImages.SvgWithScript(), name: "cat.png");
        Assert.Equal(CellKind.Bytes, r.Kind);
        Assert.StartsWith("3c 73 76 67", r.Text); // "<svg"
    }

    [Fact]
    public void Html_is_bytes_not_an_image() => Assert.Equal(CellKind.Bytes, Select("bytea", TestImages.Html()).Kind);

    [Fact]
    public void Truncated_png_still_sniffs_as_png_so_the_endpoint_decides_with_a_placeholder()
    {
        var r = Select("bytea", TestImages.TruncatedPng());
        Assert.Equal(CellKind.Image, r.Kind);
        Assert.Equal(ImageFormat.Png, r.ImageFormat);
    }

    [Fact]
    public void Too_short_signatures_are_bytes() => Assert.Equal(CellKind.Bytes, Select("bytea", new byte[] { 0x89, 0x50, 0x4E }).Kind);

    [Fact]
    public void Null_and_DBNull_are_null_but_empty_string_is_text()
    {
        Assert.Equal(CellKind.Null, Select("text", null).Kind);
        Assert.Equal(CellKind.Null, Select("text", DBNull.Value).Kind);
        var empty = Select("text", "");
        Assert.Equal(CellKind.Text, empty.Kind);
        Assert.Equal("", empty.Text);
    }

    [Fact]
    public void Long_or_many_line_text_is_collapsed()
    {
        Assert.Equal(CellKind.Text, Select("text", new string('a', CellRendererSelector.LongTextLength)).Kind);
        Assert.Equal(CellKind.LongText, Select("text", new string('a', CellRendererSelector.LongTextLength + 1)).Kind);
        Assert.Equal(CellKind.LongText, Select("text", "1\n2\n3\n4").Kind);
        Assert.Equal(CellKind.Text, Select("text", "1\n2\n3").Kind);
    }

    [Fact]
    public void Json_columns_are_json_whatever_their_length() => Assert.Equal(CellKind.Json, Select("jsonb", "{\"a\":1}").Kind);

    [Fact]
    public void Vectors_of_every_kind_are_vectors()
    {
        Assert.Equal(VectorKind.Vector, Select("vector", new Vector(new float[] { 1, 2, 3 })).Vector!.Kind);
        Assert.Equal(VectorKind.HalfVec, Select("halfvec", new HalfVector(new[] { (Half)1, (Half)2 })).Vector!.Kind);
        Assert.Equal(VectorKind.SparseVec, Select("sparsevec", new SparseVector("{1:1,3:2}/5")).Vector!.Kind);
        Assert.Equal(VectorKind.Bit, Select("bit", new BitArray(new[] { true, false, true })).Vector!.Kind);
        Assert.Equal(VectorKind.Cube, Select("cube", "(1, 2, 3)").Vector!.Kind);
        Assert.Equal(VectorKind.RealArray, Select("real[]", new float[] { 1, 2 }).Vector!.Kind);
        // A string in a text column is not a cube.
        Assert.Equal(CellKind.Text, Select("text", "(1, 2, 3)").Kind);
    }

    [Fact]
    public void Numbers_are_numbers_and_distance_columns_are_distances()
    {
        Assert.Equal(CellKind.Number, Select("integer", 42).Kind);
        Assert.Equal(CellKind.Distance, Select("double precision", 0.5, name: "dist").Kind);
        Assert.Equal(CellKind.Distance, Select("double precision", 0.5, name: "d", sql: "SELECT embedding <=> '[1,2]' AS d FROM t").Kind);
        Assert.Equal(CellKind.Number, Select("double precision", 0.5, name: "d", sql: "SELECT price AS d FROM t").Kind);
    }

    [Fact]
    public void Oids_are_images_only_when_their_large_object_is_one()
    {
        Assert.Equal(CellKind.Number, Select("oid", 42u).Kind);
        var lo = Select("oid", 42u, lo: oid => oid == 42 ? ImageFormat.Jpeg : null);
        Assert.Equal(CellKind.LargeObjectImage, lo.Kind);
        Assert.Equal(ImageFormat.Jpeg, lo.ImageFormat);
        Assert.Equal(CellKind.Number, Select("oid", 7u, lo: oid => oid == 42 ? ImageFormat.Jpeg : null).Kind);
    }

    [Fact]
    public void Truncated_values_say_so()
    {
        var r = Select("text", new TruncatedValue("text", 5_000_000, null, "abc"));
        Assert.Equal(CellKind.Truncated, r.Kind);
        Assert.Equal("abc", r.Text);
    }
}
