namespace ImmersiveLab.Labs.Tests;

public class LocalizedTextTests
{
    [Fact]
    public void Returns_the_language_asked_for_or_falls_back()
    {
        var both = new LocalizedText("Hello", "你好");
        var englishOnly = new LocalizedText("Hello", null);

        Assert.Equal("你好", both.Get("zh"));
        Assert.Equal("你好", both.Get("zh-CN"));
        Assert.Equal("Hello", both.Get("en"));
        Assert.Equal("Hello", englishOnly.Get("zh"));
        Assert.False(englishOnly.Has("zh"));
        Assert.Equal("", LocalizedText.Empty.Get("en"));
    }

    [Fact]
    public void Normalises_culture_names()
    {
        Assert.Equal("zh", LabLanguages.Normalize("zh-Hans-CN"));
        Assert.Equal("en", LabLanguages.Normalize("EN_us"));
        Assert.Null(LabLanguages.Normalize("fr"));
        Assert.Null(LabLanguages.Normalize(null));
    }
}
