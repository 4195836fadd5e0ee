namespace ImmersiveLab.Imaging;

/// <summary>Where the embedding model lives and where it may come from. Bound from "Imaging:Model".</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Imaging:Model";

    /// <summary>Folder the model is installed into. Empty: "models" under the lab's data directory (env LAB_DATA, else ~/.local/share/immersivelab).</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Download from the manifest's source URL during <c>imlab model fetch</c>.</summary>
    public bool AllowDownload { get; set; } = true;

    public int DownloadTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// The folder that ships with the lab holding a verified copy of the model, used where it is when nothing is
    /// installed in <see cref="ModelDirectory"/>. Relative: from the repository root (the folder with ImmersiveLab.sln);
    /// empty: none.
    /// </summary>
    public string? BundledDirectory { get; set; } = "models";

    /// <summary>The repository root relative paths are resolved from; empty: found from the app's folder.</summary>
    public string? RepositoryDirectory { get; set; }

    /// <summary>
    /// Folders holding a verified copy of the model, used when it is not installed and cannot be downloaded.
    /// Relative paths are taken from the repository root (the folder with ImmersiveLab.sln) when one is found.
    /// </summary>
    public List<string> FallbackDirectories { get; set; } = ["../shared/models"];

    /// <summary>Install from a fallback folder automatically when the model is first needed (a local, checksum-verified copy).</summary>
    public bool InstallFromFallbackOnDemand { get; set; } = true;

    public string ResolveModelDirectory()
    {
        if (!string.IsNullOrWhiteSpace(ModelDirectory)) return Path.GetFullPath(ModelDirectory);
        var data = Environment.GetEnvironmentVariable("LAB_DATA");
        if (string.IsNullOrWhiteSpace(data))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            data = Environment.IsPrivilegedProcess
                ? "/var/lib/immersivelab"
                : Path.Combine(string.IsNullOrWhiteSpace(xdg)
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
                    : xdg, "immersivelab");
        }
        return Path.Combine(Path.GetFullPath(data), "models");
    }

    public string? ResolveBundledDirectory()
    {
        if (string.IsNullOrWhiteSpace(BundledDirectory)) return null;
        var root = string.IsNullOrWhiteSpace(RepositoryDirectory) ? RepositoryRoot.Find() : RepositoryDirectory;
        return Path.IsPathRooted(BundledDirectory) ? Path.GetFullPath(BundledDirectory)
            : root is null ? null : Path.GetFullPath(Path.Combine(root, BundledDirectory));
    }

    public IEnumerable<string> ResolveFallbackDirectories()
    {
        var root = string.IsNullOrWhiteSpace(RepositoryDirectory) ? RepositoryRoot.Find() : RepositoryDirectory;
        foreach (var dir in FallbackDirectories.Where(d => !string.IsNullOrWhiteSpace(d)))
            yield return Path.GetFullPath(Path.IsPathRooted(dir) || root is null ? dir : Path.Combine(root, dir));
    }
}
