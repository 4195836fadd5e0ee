namespace ImmersiveLab.Imaging.Tests.Imgsmlr;

public class ImgsmlrTextTests
{
    [Fact]
    public void Parsing_the_extension_text_and_printing_it_again_gives_the_same_text()
    {
        var text = ImgsmlrReference.PatternText("11_flower.jpg");

        Assert.Equal(text, ImgsmlrText.Format(ImgsmlrText.ParsePattern(text)));
    }

    [Fact]
    public void Signature_text_round_trips_to_the_nearest_float_of_each_printed_value()
    {
        var signature = ImgsmlrText.ParseSignature("(0.253968, 0.000000, -0.000000, 0.507936, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0.500000)");

        Assert.Equal(0.253968f, signature.Values[0]);
        Assert.True(float.IsNegative(signature.Values[2]));
        Assert.Equal(0.5f, signature.Values[15]);
    }

    [Theory]
    [InlineData("1e50", float.PositiveInfinity)]
    [InlineData("-1e50", float.NegativeInfinity)]
    [InlineData("1e-50", 0f)]
    [InlineData("+2.5", 2.5f)]
    [InlineData(".5", 0.5f)]
    [InlineData("5.", 5f)]
    [InlineData("0x1p-2", 0.25f)]
    [InlineData("0X1.8P1", 3f)]
    [InlineData("0x.8", 0.5f)]
    [InlineData("INF", float.PositiveInfinity)]
    [InlineData("-Infinity", float.NegativeInfinity)]
    [InlineData("1.00000005960464477539062500001", 1.00000012f)] // just above the halfway point: rounds up
    [InlineData("1.000000059604644775390625", 1f)] // exactly halfway: ties to even
    [InlineData("0x1.000001p0", 1f)] // hex halfway: ties to even
    [InlineData("0x1.000003p0", 1.00000024f)]
    [InlineData("1e-45", 1.401298464e-45f)] // smallest subnormal
    public void Strtof_semantics(string number, float expected)
    {
        var signature = ImgsmlrText.ParseSignature("(" + string.Join(", ", Enumerable.Repeat(number, 16)) + ")");

        Assert.All(signature.Values, v => Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(v)));
    }

    [Fact]
    public void Nan_with_payload_text_is_accepted()
    {
        var signature = ImgsmlrText.ParseSignature(string.Join(",", Enumerable.Repeat("nan(0x1)", 16)));

        Assert.All(signature.Values, v => Assert.True(float.IsNaN(v)));
    }

    [Theory]
    [InlineData("(1, 2, 3)")]                                  // too few numbers
    [InlineData("(1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16)")]  // ';' is not a separator
    [InlineData("(1\t2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)")] // nor is a tab
    [InlineData("(a, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)")]
    [InlineData("")]
    public void Malformed_signature_text_is_a_syntax_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => ImgsmlrText.ParseSignature(text));

        Assert.StartsWith("invalid input syntax for type signature", error.Message);
    }

    [Fact]
    public void Text_after_the_last_needed_number_is_ignored()
    {
        var signature = ImgsmlrText.ParseSignature("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)) trailing; junk");

        Assert.Equal(16f, signature.Values[15]);
    }

    [Fact]
    public void Non_finite_values_print_like_PostgreSQL()
    {
        Assert.Equal("NaN", ImgsmlrText.FormatValue(float.NaN));
        Assert.Equal("Infinity", ImgsmlrText.FormatValue(float.PositiveInfinity));
        Assert.Equal("-Infinity", ImgsmlrText.FormatValue(float.NegativeInfinity));
        Assert.Equal("-0.000000", ImgsmlrText.FormatValue(-1e-9f));
        Assert.Equal("0.000000", ImgsmlrText.FormatValue(0f));
    }
}
