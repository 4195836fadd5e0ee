namespace ImmersiveLab.Labs.Tests;

public class LabMetadataTests
{
    private const string YamlFile = "labs/01-test/lab.yaml";

    private static IReadOnlyList<LabFormatError> Check(string yaml, params string[] languages) =>
        new LabValidator().ValidateMetadata(LabMetadataReader.Read(yaml, YamlFile), languages.Length == 0 ? ["en", "zh"] : languages);

    [Fact]
    public void Reads_every_field()
    {
        var metadata = LabMetadataReader.Read(TestLabs.ValidYaml, YamlFile);

        Assert.Equal("test-lab", metadata.Id);
        Assert.Equal(10, metadata.Minutes);
        Assert.Equal(["a", "b"], metadata.Tags);
        Assert.Equal(new LocalizedText("Test", "测试"), metadata.Title);
        Assert.Equal("一个测试实验。", metadata.Summary!.Get("zh"));
        Assert.Equal(4, metadata.LineOf("title"));
        Assert.Empty(Check(TestLabs.ValidYaml));
    }

    [Fact]
    public void Reports_missing_fields()
    {
        var errors = Check("tags: [x]\n");

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("missing 'id'"));
        Assert.Contains(errors, e => e.Message.Contains("missing 'minutes'"));
        Assert.Contains(errors, e => e.Message.Contains("missing 'title'"));
        Assert.Contains(errors, e => e.Message.Contains("missing 'summary'"));
        Assert.All(errors, e => Assert.Equal(YamlFile, e.File));
    }

    [Theory]
    [InlineData("Similar_Images")]
    [InlineData("-lead")]
    [InlineData("double--dash")]
    public void Reports_a_bad_id_on_its_line(string id)
    {
        var error = Assert.Single(Check(TestLabs.ValidYaml.Replace("id: test-lab", "minutes: 1\nid: " + id).Replace("minutes: 10\n", "")));

        Assert.Equal(2, error.Line);
        Assert.Contains("bad id", error.Message);
    }

    [Fact]
    public void Reports_a_title_missing_for_a_language_that_has_a_file()
    {
        var yaml = TestLabs.ValidYaml.Replace("  zh: 测试\n", "");

        Assert.Empty(Check(yaml, "en"));
        var error = Assert.Single(Check(yaml, "en", "zh"));
        Assert.Equal(4, error.Line);
        Assert.Contains("'title' has no 'zh' entry", error.Message);
    }

    [Theory]
    [InlineData("minutes: soon", 2, "whole number")]
    [InlineData("minutes: 0", 2, "greater than 0")]
    [InlineData("minute: 5", 10, "unknown key 'minute'")]
    [InlineData("tags: solo", 3, "must be a list")]
    public void Reports_bad_values_on_their_lines(string replacement, int line, string expected)
    {
        var yaml = replacement.StartsWith("minute:", StringComparison.Ordinal)
            ? TestLabs.ValidYaml + "\n" + replacement
            : TestLabs.ValidYaml.Replace(replacement.StartsWith("tags", StringComparison.Ordinal) ? "tags: [a, b]" : "minutes: 10", replacement);

        var error = Assert.Single(Check(yaml));

        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Reports_a_language_other_than_en_or_zh()
    {
        var error = Assert.Single(Check(TestLabs.ValidYaml.Replace("  zh: 测试", "  zh: 测试\n  fr: Essai")));

        Assert.Equal(7, error.Line);
        Assert.Contains("'fr'", error.Message);
    }

    [Fact]
    public void Reports_broken_yaml_with_its_line()
    {
        var error = Assert.Single(Check("id: a\nminutes: [1\n"), e => e.Message.Contains("not valid YAML"));

        Assert.True(error.Line >= 2, error.ToString());
    }
}
