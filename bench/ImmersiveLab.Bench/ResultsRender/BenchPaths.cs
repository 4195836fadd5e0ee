namespace ImmersiveLab.Bench.ResultsRender;

/// <summary>The repository: the folder holding ImmersiveLab.sln above the bench's output.</summary>
public static class BenchPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ImmersiveLab.sln"))) return dir.FullName;
        throw new InvalidOperationException("ImmersiveLab.sln not found above " + AppContext.BaseDirectory);
    }
}
