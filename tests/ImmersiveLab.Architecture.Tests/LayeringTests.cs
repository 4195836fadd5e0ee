namespace ImmersiveLab.Architecture.Tests;

/// <summary>
/// Which project may reference which: the design of docs/architecture.md, checked against the csproj files so that a
/// wrong reference fails the tests. A new edge is a design decision: add it here and to the diagram, with a reason.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>The allowed references of every src project. Lower layers never see higher ones or a host.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        // Foundations: no ImmersiveLab reference at all.
        ["Sql"] = [],
        ["Imaging"] = [],
        ["Labs"] = [],
        // Storage: the server, the metadata database, lab_template. Knows no picture (ADR-005).
        ["Database"] = [],
        ["Sandbox"] = ["Sql", "Database"],
        // The shared components (result grid, gallery, EXPLAIN).
        ["Ui"] = ["Sql", "Sandbox", "Imaging"],
        // Features: one project each (ADR-005).
        ["SampleImages"] = ["Database", "Imaging"],
        ["Workbook"] = ["Database", "Sandbox", "Labs", "Sql"],
        ["Classroom"] = ["Database", "Sandbox", "Labs", "Workbook"],
        ["IndexExplorer"] = ["Database", "Sandbox"],
        ["SqlAssist"] = ["Sql", "Sandbox", "Labs"],
        ["ImageSearch"] = ["Database", "Sandbox", "Imaging", "Ui"],
        // Hosts compose the features.
        ["Web"] = ["Database", "Sandbox", "Imaging", "Labs", "Ui", "Workbook", "IndexExplorer", "ImageSearch", "Classroom",
            "SqlAssist", "SampleImages", "Sql"],
        ["Cli"] = ["Database", "Sandbox", "Imaging", "Labs", "Workbook", "Classroom", "SampleImages", "Sql"],
    };

    /// <summary>Only these take the whole ASP.NET Core framework: hosts, and Ui for its HTTP endpoints (result images).</summary>
    private static readonly string[] MayUseAspNetCore = ["Web", "Cli", "Ui", "ImageSearch"];

    public static TheoryData<string> Projects() => new(Solution.ProjectReferences.Keys.Order());

    [Fact]
    public void Every_project_has_a_place_in_the_layering()
    {
        Assert.Equal(Allowed.Keys.Order(), Solution.ProjectReferences.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_references_only_what_its_layer_allows(string project)
    {
        var forbidden = Solution.ProjectReferences[project].Except(Allowed.GetValueOrDefault(project, [])).Order().ToList();
        Assert.True(forbidden.Count == 0, $"{project} must not reference {string.Join(", ", forbidden)} (see LayeringTests.Allowed)");
    }

    [Fact]
    public void Database_knows_no_picture()
    {
        Assert.DoesNotContain("Imaging", Solution.ProjectReferences["Database"]);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Only_hosts_and_ui_take_the_aspnetcore_framework(string project)
    {
        if (MayUseAspNetCore.Contains(project)) return;
        Assert.DoesNotContain("Microsoft.AspNetCore.App", Solution.FrameworkReferences(project));
    }
}
