using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ImmersiveLab.Architecture.Tests;

/// <summary>Every resx pair of the solution (X.resx and X.zh.resx) has the same keys (each once), no empty value, and each
/// string the same placeholders in both languages (ADR-008).</summary>
public sealed partial class LocalizationTests
{
    public static TheoryData<string> Pairs()
    {
        var data = new TheoryData<string>();
        foreach (var english in EnglishFiles()) data.Add(Path.GetRelativePath(Solution.Root, english));
        return data;
    }

    [Fact]
    public void The_solution_has_resx_pairs_for_the_runner_the_checker_and_the_web()
    {
        var names = EnglishFiles().Select(Path.GetFileName).ToList();
        Assert.Contains("SandboxMessages.resx", names);
        Assert.Contains("CheckMessages.resx", names);
        Assert.Contains("UiStrings.resx", names);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_key_exists_in_english_and_chinese_with_the_same_placeholders(string englishPath)
    {
        var englishFile = Path.Combine(Solution.Root, englishPath);
        var chinesePath = Path.Combine(Solution.Root, englishPath[..^".resx".Length] + ".zh.resx");
        Assert.True(File.Exists(chinesePath), $"{englishPath} has no Chinese twin");
        // A key written twice builds with a warning and silently keeps one of the two texts.
        Assert.Empty(Duplicates(englishFile).Select(k => $"{k} is defined twice in en"));
        Assert.Empty(Duplicates(chinesePath).Select(k => $"{k} is defined twice in zh"));
        var english = Read(englishFile);
        var chinese = Read(chinesePath);

        Assert.Empty(english.Keys.Except(chinese.Keys).Select(k => $"{k} is missing in zh"));
        Assert.Empty(chinese.Keys.Except(english.Keys).Select(k => $"{k} is missing in en"));
        var mismatched = english.Keys.Intersect(chinese.Keys)
            .Where(k => !Placeholders(english[k]).SetEquals(Placeholders(chinese[k])))
            .Select(k => $"{k}: en {{{string.Join(",", Placeholders(english[k]).Order())}}} vs zh {{{string.Join(",", Placeholders(chinese[k]).Order())}}}")
            .ToList();
        Assert.Empty(mismatched);
        Assert.Empty(english.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key} is empty in en"));
        Assert.Empty(chinese.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Key} is empty in zh"));
    }

    [Fact]
    public void Placeholders_are_read_by_index_whatever_their_format()
    {
        Assert.Equal([0, 1], Placeholders("{1:N0} of {0}, {{not}} one").Order());
        Assert.False(Placeholders("{0} rows").SetEquals(Placeholders("{1} 行")));
    }

    private static IEnumerable<string> EnglishFiles() =>
        new[] { "src", "tests" }.Select(d => Path.Combine(Solution.Root, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.resx", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Contains('.'))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> Duplicates(string path) =>
        XDocument.Load(path).Root!.Elements("data").GroupBy(d => (string)d.Attribute("name")!).Where(g => g.Count() > 1).Select(g => g.Key);

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<int> Placeholders(string format) =>
        Placeholder().Matches(format.Replace("{{", "").Replace("}}", "")).Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
