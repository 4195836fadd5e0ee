using System.Xml.Linq;

namespace ImmersiveLab.Architecture.Tests;

/// <summary>The repository's projects under src/ as their csproj files say: references and framework references.</summary>
public static class Solution
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every src project by short name (Web for ImmersiveLab.Web), with the short names it references.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ProjectReferences { get; } = ReadReferences();

    public static IReadOnlySet<string> FrameworkReferences(string project) =>
        Load(project).Descendants("FrameworkReference").Select(e => (string)e.Attribute("Include")!).ToHashSet();

    public static string ShortName(string projectPath) =>
        Path.GetFileNameWithoutExtension(projectPath).Replace("ImmersiveLab.", "", StringComparison.Ordinal);

    private static Dictionary<string, IReadOnlySet<string>> ReadReferences() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(ShortName, path => (IReadOnlySet<string>)Load(ShortName(path)).Descendants("ProjectReference")
                .Select(e => ShortName(((string)e.Attribute("Include")!).Replace('\\', '/'))).ToHashSet());

    private static XDocument Load(string project) =>
        XDocument.Load(Path.Combine(Root, "src", $"ImmersiveLab.{project}", $"ImmersiveLab.{project}.csproj"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ImmersiveLab.sln"))) return dir.FullName;
        throw new InvalidOperationException("ImmersiveLab.sln not found above " + AppContext.BaseDirectory);
    }
}
