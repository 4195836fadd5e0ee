using Microsoft.Extensions.Logging.Abstractions;

namespace ImmersiveLab.Labs.Tests;

/// <summary>Builds lab documents and folders for tests.</summary>
internal static class TestLabs
{
    public const string File = "labs/01-test/en.md";

    public static LabDocument Parse(string markdown, string language = "en") =>
        LabDocumentParser.Parse(markdown, language, language == "en" ? File : "labs/01-test/zh.md", "test-lab");

    public static IReadOnlyList<LabFormatError> Validate(string markdown, string? labDirectory = null) =>
        new LabValidator().ValidateDocument(Parse(markdown), labDirectory);

    public static LabLoader Loader(string? samples = null) => new(new LabValidator(samples), NullLogger<LabLoader>.Instance);

    public static string Fence(string info, string body) => $"```{info}\n{body}\n```\n";

    /// <summary>The two <c>wrong</c> blocks every exercise needs (6 lines).</summary>
    public static string Wrongs(string exercise) =>
        Fence($"wrong for={exercise} why=\"does nothing\"", "SELECT 0;") + Fence($"wrong for={exercise} why=\"another query\"", "SELECT 2;");

    public const string ValidYaml = """
        id: test-lab
        minutes: 10
        tags: [a, b]
        title:
          en: Test
          zh: 测试
        summary:
          en: A test lab.
          zh: 一个测试实验。
        """;

    public static readonly string ValidMarkdown =
        "Intro text.\n\n## Step one\n\nSome text.\n\n"
        + Fence("sql id=first", "SELECT 1;")
        + "\n"
        + Fence("sql exercise id=ex", "")
        + "\n"
        + Fence("check for=ex", "SELECT true")
        + "\n"
        + Fence("solution for=ex", "SELECT 1;")
        + Wrongs("ex");

    /// <summary>The repository root: the nearest parent directory holding ImmersiveLab.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "ImmersiveLab.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ImmersiveLab.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary labs/ folder, deleted on dispose.</summary>
internal sealed class TempLabs : IDisposable
{
    public TempLabs()
    {
        Root = Path.Combine(Path.GetTempPath(), "imlab-tests-" + Guid.NewGuid().ToString("N"), "labs");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string AddLab(string folder, string? yaml = TestLabs.ValidYaml, string? en = null, string? zh = null)
    {
        var directory = Path.Combine(Root, folder);
        Directory.CreateDirectory(directory);
        if (yaml is not null)
        {
            System.IO.File.WriteAllText(Path.Combine(directory, "lab.yaml"), yaml);
        }

        if (en is not null)
        {
            System.IO.File.WriteAllText(Path.Combine(directory, "en.md"), en);
        }

        if (zh is not null)
        {
            System.IO.File.WriteAllText(Path.Combine(directory, "zh.md"), zh);
        }

        return directory;
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
}
