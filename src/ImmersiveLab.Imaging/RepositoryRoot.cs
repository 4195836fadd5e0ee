namespace ImmersiveLab.Imaging;

/// <summary>Finds the source checkout (the folder holding ImmersiveLab.sln), when the app runs from one.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ImmersiveLab.sln")))
                    return dir.FullName;
        return null;
    }
}
