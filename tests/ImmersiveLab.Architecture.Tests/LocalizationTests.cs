using System.Xml.Linq;

namespace ImmersiveLab.Architecture.Tests;

/// <summary>Every resx under src/ has a zh twin with the same keys, and no value is empty (ADR-008).</summary>
public sealed class LocalizationTests
{
    public static TheoryData<string> EnglishResources() => new(
        Directory.GetFiles(Path.Combine(Solution.Root, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".zh.resx", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Solution.Root, f)).Order());

    [Theory]
    [MemberData(nameof(EnglishResources))]
    public void Every_key_exists_in_english_and_chinese(string english)
    {
        var chinese = Path.ChangeExtension(english, ".zh.resx");
        Assert.True(File.Exists(Path.Combine(Solution.Root, chinese)), $"{chinese} is missing");
        var en = Strings(english);
        var zh = Strings(chinese);
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.DoesNotContain(en.Concat(zh), kv => string.IsNullOrWhiteSpace(kv.Value));
    }

    private static Dictionary<string, string> Strings(string relativePath) =>
        XDocument.Load(Path.Combine(Solution.Root, relativePath)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
