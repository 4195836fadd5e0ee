namespace ImmersiveLab.Imaging.Tests;

/// <summary>Locates the repository (the folder with ImmersiveLab.sln) and the shared folder beside it.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
    public static string ImgsmlrReference => Path.Combine(Shared, "reference", "imgsmlr");
    public static string ModelsFolder => Path.Combine(Shared, "models");
    public static string SampleImages => Path.Combine(RepoRoot, "sample-images");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ImmersiveLab.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ImmersiveLab.sln not found above " + AppContext.BaseDirectory);
    }
}
