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
    [InlineData(" py-21 ", "PY-21")]
    [InlineData("abcd", "ABCD")]
    [InlineData(null, "")]
    public void Codes_are_trimmed_and_upper_cased(string? typed, string expected) => Assert.Equal(expected, ClassCode.Normalize(typed));

    [Theory]
    [InlineData("ABC")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    [InlineData("AB CD")]
    [InlineData("ÄBCD")]
    [InlineData("AB;D")]
    public void Bad_codes_are_refused_with_a_reason(string code) => Assert.NotNull(ClassCode.Problem(code));
}
