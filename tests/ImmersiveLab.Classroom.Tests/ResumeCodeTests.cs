namespace ImmersiveLab.Classroom.Tests;

public sealed class ResumeCodeTests
{
    [Fact]
    public void Codes_have_eight_unambiguous_characters_shown_in_two_groups()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => ResumeCode.Generate()).ToList();
        Assert.All(codes, c =>
        {
            Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", c);
            Assert.DoesNotContain(c, ch => ch is '0' or 'O' or '1' or 'I' or 'L');
        });
        Assert.Equal(200, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("abcd-efgh", "ABCDEFGH")]
    [InlineData(" abcd efgh ", "ABCDEFGH")]
    [InlineData(null, "")]
    public void Typed_codes_are_normalised(string? typed, string normalized) => Assert.Equal(normalized, ResumeCode.Normalize(typed));

    [Fact]
    public void Only_a_salted_hash_is_kept_and_it_matches_the_code_however_it_is_typed()
    {
        var code = ResumeCode.Generate();
        var hash = ResumeCode.Hash(code);
        Assert.DoesNotContain(ResumeCode.Normalize(code), hash);
        Assert.NotEqual(hash, ResumeCode.Hash(code)); // salted
        Assert.True(ResumeCode.Matches(code, hash));
        Assert.True(ResumeCode.Matches(code.ToLowerInvariant().Replace("-", " "), hash));
        Assert.False(ResumeCode.Matches(ResumeCode.Generate(), hash));
        Assert.False(ResumeCode.Matches("", hash));
        Assert.False(ResumeCode.Matches(code, null));
        Assert.False(ResumeCode.Matches(code, "garbage"));
        Assert.False(ResumeCode.Matches(code, "pbkdf2-sha256$10000$not base64$x"));
    }
}
