using Microsoft.Extensions.Logging.Abstractions;
using static ImmersiveLab.Labs.Tests.TestLabs;

namespace ImmersiveLab.Labs.Tests;

/// <summary>lab.yaml's objectives and prerequisites: read per language, checked for parity and for labs that exist.</summary>
public class LabFrontMatterTests
{
    private const string YamlFile = "labs/01-test/lab.yaml";

    private const string FrontMatter = """

        objectives:
          en: [Store a picture, Measure TOAST]
          zh: [存一张图片, 测量 TOAST]
        prerequisites:
          labs: [earlier]
          en: [Basic SQL]
          zh: [基础 SQL]
        """;

    private static IReadOnlyList<LabFormatError> Check(string yaml, params string[] languages) =>
        new LabValidator().ValidateMetadata(LabMetadataReader.Read(yaml, YamlFile), languages.Length == 0 ? ["en", "zh"] : languages);

    [Fact]
    public void Reads_objectives_and_prerequisites_per_language()
    {
        var metadata = LabMetadataReader.Read(ValidYaml + FrontMatter, YamlFile);

        Assert.Empty(Check(ValidYaml + FrontMatter));
        Assert.Equal(["Store a picture", "Measure TOAST"], metadata.Objectives!.Get("en"));
        Assert.Equal(["存一张图片", "测量 TOAST"], metadata.Objectives.Get("zh-CN"));
        Assert.Equal(["earlier"], metadata.Prerequisites!.Labs);
        Assert.Equal(["基础 SQL"], metadata.Prerequisites.Text.Get("zh"));
    }

    [Fact]
    public void Objectives_and_prerequisites_are_optional_in_the_format()
    {
        Assert.Empty(Check(ValidYaml));
        var metadata = LabMetadataReader.Read(ValidYaml, YamlFile);
        Assert.Null(metadata.Objectives);
        Assert.Null(metadata.Prerequisites);
    }

    [Fact]
    public void Reports_lists_that_are_not_translations_of_each_other()
    {
        var yaml = ValidYaml + FrontMatter.Replace("zh: [存一张图片, 测量 TOAST]", "zh: [存一张图片]");
        var error = Assert.Single(Check(yaml));

        Assert.Contains("'objectives' has 2 en item(s) but 1 zh item(s)", error.Message);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.StartsWith("objectives:", StringComparison.Ordinal)) + 1, error.Line);
    }

    [Fact]
    public void Reports_a_missing_language_and_empty_objectives()
    {
        var noZh = Check(ValidYaml + FrontMatter.Replace("  zh: [存一张图片, 测量 TOAST]\n", ""));
        Assert.Contains(noZh, e => e.Message.Contains("'objectives' has no 'zh' list"));
        Assert.DoesNotContain(Check(ValidYaml.Replace("  zh: 测试\n", "").Replace("  zh: 一个测试实验。", "") + FrontMatter.Replace("  zh: [存一张图片, 测量 TOAST]\n", ""), "en"),
            e => e.Message.Contains("objectives"));

        var empty = Check(ValidYaml + "\nobjectives:\n  en: []\n  zh: []\n");
        Assert.Contains(empty, e => e.Message.Contains("'objectives' needs at least one item"));
    }

    [Theory]
    [InlineData("objectives: [a, b]", "'objectives' must have an 'en' and/or a 'zh' list")]
    [InlineData("objectives:\n  en: one thing", "'objectives.en' must be a list")]
    [InlineData("objectives:\n  fr: [un]", "'objectives' has an entry 'fr'")]
    [InlineData("prerequisites:\n  labs: [Not_An_Id]", "'prerequisites.labs' names 'Not_An_Id', which is not a lab id")]
    [InlineData("objectives:\n  labs: [welcome]", "'objectives' has an entry 'labs'")]
    public void Reports_malformed_lists(string yaml, string message)
    {
        Assert.Contains(Check(ValidYaml + "\n" + yaml + "\n"), e => e.Message.Contains(message));
    }

    [Fact]
    public void A_prerequisite_lab_must_exist_and_come_earlier()
    {
        using var labs = new TempLabs();
        var requires = (string ids) => ValidYaml + $"\nprerequisites:\n  labs: [{ids}]\n";
        labs.AddLab("01-first", ValidYaml.Replace("id: test-lab", "id: first"), en: ValidMarkdown);
        labs.AddLab("02-second", requires("first").Replace("id: test-lab", "id: second"), en: ValidMarkdown);
        labs.AddLab("03-third", requires("fourth, nowhere").Replace("id: test-lab", "id: third"), en: ValidMarkdown);
        labs.AddLab("04-fourth", ValidYaml.Replace("id: test-lab", "id: fourth"), en: ValidMarkdown);

        var snapshot = new LabLoader(new LabValidator(), NullLogger<LabLoader>.Instance).LoadAll(labs.Root);

        Assert.Equal(2, snapshot.Errors.Count);
        Assert.All(snapshot.Errors, e => Assert.Equal("labs/03-third/lab.yaml", e.File));
        Assert.Contains(snapshot.Errors, e => e.Message.Contains("'fourth' (04-fourth), which does not come before this lab"));
        Assert.Contains(snapshot.Errors, e => e.Message.Contains("'nowhere', but no lab has that id"));
        Assert.Equal(["first"], snapshot.Labs.Single(l => l.Id == "second").Prerequisites.Labs);
    }
}
