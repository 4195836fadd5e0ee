using System.Text.RegularExpressions;

namespace ImmersiveLab.Architecture.Tests;

/// <summary>docs/architecture.md's project graph (the mermaid block) has exactly the projects and references of src/.</summary>
public sealed partial class DiagramTests
{
    [Fact]
    public void The_diagram_has_every_project_and_every_reference()
    {
        var documented = DocumentedEdges();
        var actual = Solution.ProjectReferences.SelectMany(p => p.Value.Select(r => $"{p.Key} --> {r}")).ToHashSet();

        var missing = actual.Except(documented).Order().ToList();
        var extra = documented.Except(actual).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"docs/architecture.md is out of date. Missing: [{string.Join("; ", missing)}]. Not in the csproj files: [{string.Join("; ", extra)}]");
    }

    [Fact]
    public void The_diagram_names_every_project()
    {
        var nodes = DocumentedEdges().SelectMany(e => e.Split(" --> ")).ToHashSet();
        foreach (var project in Solution.ProjectReferences.Keys) Assert.Contains(project, nodes);
    }

    private static HashSet<string> DocumentedEdges()
    {
        var text = File.ReadAllText(Path.Combine(Solution.Root, "docs", "architecture.md"));
        var block = MermaidBlock().Match(text);
        Assert.True(block.Success, "docs/architecture.md has no ```mermaid block with the project graph");
        var edges = new HashSet<string>();
        foreach (Match m in Edge().Matches(block.Groups[1].Value))
            foreach (var target in m.Groups[2].Value.Split('&', StringSplitOptions.TrimEntries))
                edges.Add($"{m.Groups[1].Value} --> {target}");
        return edges;
    }

    [GeneratedRegex(@"```mermaid\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();

    // "Web --> Workbook & Ui" (mermaid's & joins targets); node labels are not used.
    [GeneratedRegex(@"^\s*(\w+)\s*-->\s*([\w\s&]+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Edge();
}
