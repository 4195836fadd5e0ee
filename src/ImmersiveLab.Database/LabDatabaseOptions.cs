using ImmersiveLab.Database.Hosts;

namespace ImmersiveLab.Database;

/// <summary>Where the lab's PostgreSQL lives. Bound from the "Database" section; the admin connection string
/// comes from ConnectionStrings:Admin (env ConnectionStrings__Admin).</summary>
public sealed class LabDatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>External server (superuser or a role with CREATEDB and CREATEROLE). Empty: run the embedded cluster.</summary>
    public string? AdminConnectionString { get; set; }

    /// <summary>Root of the lab's own data (cluster, logs, models). Env LAB_DATA overrides the default.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Folder with initdb/pg_ctl/postgres. Empty: the newest /usr/lib/postgresql/N/bin (N ≥ 15), or env LAB_PG_BINDIR.</summary>
    public string? PostgresBinDirectory { get; set; }

    /// <summary>Database holding learners, progress and classes.</summary>
    public string MetadataDatabase { get; set; } = "immersivelab";

    /// <summary>Template every learner sandbox is copied from.</summary>
    public string TemplateDatabase { get; set; } = "lab_template";

    /// <summary>Port for the embedded cluster; 0 picks a free loopback port (the previous one when still free).</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Server settings for the embedded cluster, on top of the class-sized defaults.</summary>
    public Dictionary<string, string> EmbeddedSettings { get; set; } = new();

    /// <summary>Stop the embedded cluster when the app stops (false keeps it for the next start).</summary>
    public bool StopEmbeddedOnShutdown { get; set; } = true;

    /// <summary>Most sandboxes placed on the primary server (key "default"); empty: no limit, 0: metadata only.</summary>
    public int? PrimaryMaxSandboxes { get; set; }

    /// <summary>Further servers that hold sandboxes; a new sandbox goes to the least-loaded available server and stays there.</summary>
    public List<SandboxServerOptions> SandboxServers { get; set; } = [];

    public string ResolveDataDirectory()
    {
        var configured = DataDirectory ?? Environment.GetEnvironmentVariable("LAB_DATA");
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(ExpandHome(configured));
        if (Environment.IsPrivilegedProcess)
            return "/var/lib/immersivelab"; // root's home is not reachable by the postgres OS user
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDir = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(baseDir, "immersivelab");
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
