namespace ImmersiveLab.TestSupport;

/// <summary>Finds the repository (the folder holding ImmersiveLab.sln) and ../shared beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    public static string Labs => Path.Combine(Root, "labs");
    public static string SampleImages => Path.Combine(Root, "sample-images");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ImmersiveLab.sln"))) return dir.FullName;
        throw new InvalidOperationException("ImmersiveLab.sln not found above " + AppContext.BaseDirectory);
    }
}
