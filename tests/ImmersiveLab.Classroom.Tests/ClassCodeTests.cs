namespace ImmersiveLab.Classroom.Tests;

public sealed class ClassCodeTests
{
    [Fact]
    public void Generated_codes_have_six_unambiguous_characters_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => ClassCode.Generate()).ToList();
        Assert.All(codes, c =>
        {
            Assert.Equal(ClassCode.GeneratedLength, c.Length);
            Assert.Null(ClassCode.Problem(c));
            Assert.DoesNotContain(c, ch => ch is '0' or 'O' or '1' or 'I' or 'L');
        });
        Assert.True(codes.Distinct().Count() > 195);
    }

    [Theory]
    [InlineData(" py-2345 ", "PY-2345")]
    [InlineData("abcdef", "ABCDEF")]
    [InlineData(null, "")]
    public void Codes_are_trimmed_and_upper_cased(string? typed, string expected) => Assert.Equal(expected, ClassCode.Normalize(typed));

    [Theory]
    [InlineData("ABCDEF")]
    [InlineData("PG-2345")]
    [InlineData("GRAPH-SQ-7")]
    public void Chosen_codes_of_six_unambiguous_characters_are_accepted(string code) => Assert.Null(ClassCode.Problem(code));

    [Theory]
    [InlineData("ABCD")] // the review's 4-character codes
    [InlineData("ABCDE")]
    [InlineData("AB-CD-E")] // dashes do not count
    [InlineData("ABCDEFGHJKMNPQRSTUVWXYZ23456789AB")] // 33
    [InlineData("AB CDEF")]
    [InlineData("ÄBCDEF")]
    [InlineData("AB;DEF")]
    [InlineData("PY-2021")] // 0 and 1
    [InlineData("HELLO-WORLD")] // L and O
    [InlineData("IGUANAS")] // I
    public void Short_ambiguous_or_odd_codes_are_refused_with_a_reason(string code) => Assert.NotNull(ClassCode.Problem(code));
}
