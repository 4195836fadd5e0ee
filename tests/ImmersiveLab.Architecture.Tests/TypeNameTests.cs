using System.Text.RegularExpressions;

namespace ImmersiveLab.Architecture.Tests;

/// <summary>
/// Names that say what a thing is, read from the sources under src/: no two namespaces declare a public type of the
/// same name (ten classes all named ServiceCollectionExtensions forced the host to call features by their full static
/// name), and "who the current learner is" has one abstraction, ILearnerContext in Sandbox.
/// </summary>
public sealed partial class TypeNameTests
{
    [Fact]
    public void No_two_namespaces_declare_a_public_type_of_the_same_name()
    {
        var clashes = PublicTypes()
            .GroupBy(t => t.Name)
            .Where(g => g.Select(t => t.Namespace).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.File).Order())}");
        Assert.Empty(clashes);
    }

    [Fact]
    public void The_scan_sees_classes_interfaces_and_components()
    {
        var names = PublicTypes().Select(t => t.Name).ToHashSet();
        Assert.Contains("SandboxServiceCollectionExtensions", names);
        Assert.Contains("ILearnerContext", names);
        Assert.Contains("LearnerRef", names); // a record
        Assert.Contains("LabPage", names); // a Razor component
    }

    [Fact]
    public void Only_the_learner_context_says_who_the_current_learner_is()
    {
        // Another interface answering with a learner (or a learner id), or a learner delegate handed to a service, would
        // be a second "current learner" for a host to wire: features take ILearnerContext instead.
        var context = Path.Combine("src", "ImmersiveLab.Sandbox", "Learners", "ILearnerContext.cs");
        var others = SourceFiles("*.cs").Concat(SourceFiles("*.razor"))
            .Where(f => CurrentLearnerShape().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Solution.Root, f))
            .ToList();
        Assert.Equal([context], others);
    }

    private sealed record PublicType(string Name, string Namespace, string File);

    private static IEnumerable<PublicType> PublicTypes()
    {
        foreach (var file in SourceFiles("*.cs"))
        {
            var text = File.ReadAllText(file);
            var ns = FileScopedNamespace().Match(text) is { Success: true } m ? m.Groups[1].Value : "";
            foreach (Match type in TopLevelPublicType().Matches(text))
                yield return new PublicType(type.Groups[1].Value, ns, Path.GetRelativePath(Solution.Root, file));
        }

        // A component is a public class named after its file, in its folder's namespace unless it says another.
        foreach (var file in SourceFiles("*.razor").Where(f => !Path.GetFileName(f).StartsWith('_')))
        {
            var relative = Path.GetRelativePath(Path.Combine(Solution.Root, "src"), file);
            var ns = RazorNamespace().Match(File.ReadAllText(file)) is { Success: true } m
                ? m.Groups[1].Value
                : string.Join('.', Path.GetDirectoryName(relative)!.Split(Path.DirectorySeparatorChar));
            yield return new PublicType(Path.GetFileNameWithoutExtension(file), ns, Path.GetRelativePath(Solution.Root, file));
        }
    }

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.GetFiles(Path.Combine(Solution.Root, "src"), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    // Top level only (file-scoped namespaces: column 0); nested types are named through their parent.
    [GeneratedRegex(@"^public\s+(?:(?:static|sealed|abstract|partial|readonly|ref|record)\s+)*(?:class|interface|struct|enum|record)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelPublicType();

    [GeneratedRegex(@"^@namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex RazorNamespace();

    [GeneratedRegex(@"Func<[^;]*?Task<LearnerRef\??>>|\binterface\s+\w+[^{]*\{[^}]*(?:Task<LearnerRef\??>|Task<Guid\??>\s+Get\w*Learner\w*Async)")]
    private static partial Regex CurrentLearnerShape();
}
