namespace ImmersiveLab.Labs;

/// <summary>Resolves a configured directory: absolute paths as they are, relative ones against the current
/// directory or the nearest parent that has it (falling back to the current directory).</summary>
public static class DirectoryLocator
{
    public static string Resolve(string configured)
    {
        if (Path.IsPathRooted(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, configured);
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return Path.GetFullPath(configured);
    }
}
