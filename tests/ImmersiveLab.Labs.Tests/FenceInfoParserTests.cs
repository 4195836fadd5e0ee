namespace ImmersiveLab.Labs.Tests;

public class FenceInfoParserTests
{
    [Fact]
    public void Reads_kind_flags_values_and_quoted_values()
    {
        var info = FenceInfoParser.Parse("""sql exercise id=notes label="two words" empty="" esc="a \"q\" \\ b" """, 7);

        Assert.Equal("sql", info.Kind);
        Assert.Equal(7, info.Line);
        Assert.Null(info.SyntaxError);
        Assert.Equal(
            [new("exercise", null), new("id", "notes"), new("label", "two words"), new("empty", ""), new("esc", "a \"q\" \\ b")],
            info.Options);
        Assert.True(info.HasFlag("exercise"));
        Assert.False(info.HasFlag("id"));
        Assert.Equal("notes", info.Get("id"));
    }

    [Fact]
    public void Lower_cases_kind_and_names_but_not_values()
    {
        var info = FenceInfoParser.Parse("SQL ID=MyCell", 1);

        Assert.Equal("sql", info.Kind);
        Assert.Equal("MyCell", info.Get("id"));
    }

    [Fact]
    public void Reports_an_unclosed_quote()
    {
        var info = FenceInfoParser.Parse("gallery image=\"bytes", 3);

        Assert.NotNull(info.SyntaxError);
        Assert.Contains("unclosed quote", info.SyntaxError);
    }

    [Fact]
    public void Reports_an_unexpected_character()
    {
        var info = FenceInfoParser.Parse("sql id=a !oops", 3);

        Assert.NotNull(info.SyntaxError);
        Assert.Contains("'!'", info.SyntaxError);
    }

    [Fact]
    public void Round_trips_through_ToString()
    {
        var info = FenceInfoParser.Parse("explain-compare label-a=\"seq scan\" label-b=hnsw", 1);

        Assert.Equal("explain-compare label-a=\"seq scan\" label-b=hnsw", info.ToString());
    }
}
