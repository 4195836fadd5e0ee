namespace ImmersiveLab.Database.Cluster;

/// <summary>Locates the PostgreSQL server programs (initdb, pg_ctl, postgres).</summary>
public sealed record PostgresBinaries(string BinDirectory, int MajorVersion)
{
    public const int MinimumMajorVersion = 15;

    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");
    public string Postgres => Path.Combine(BinDirectory, "postgres");

    public static PostgresBinaries Locate(string? configured)
    {
        var explicitDir = !string.IsNullOrWhiteSpace(configured) ? configured : Environment.GetEnvironmentVariable("LAB_PG_BINDIR");
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            if (!File.Exists(Path.Combine(explicitDir, "initdb")))
                throw new LabDatabaseException($"No initdb in {explicitDir} (Database:PostgresBinDirectory / LAB_PG_BINDIR).");
            var parent = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(explicitDir).TrimEnd('/')));
            return new PostgresBinaries(explicitDir, int.TryParse(parent, out var v) ? v : MinimumMajorVersion);
        }

        const string root = "/usr/lib/postgresql";
        var best = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (dir: Path.Combine(d, "bin"), ok: int.TryParse(Path.GetFileName(d), out var major), major))
                .Where(x => x.ok && x.major >= MinimumMajorVersion && File.Exists(Path.Combine(x.dir, "initdb")))
                .OrderByDescending(x => x.major)
                .FirstOrDefault()
            : default;
        if (best.dir is null)
            throw new LabDatabaseException(
                $"PostgreSQL {MinimumMajorVersion}+ server programs were not found under {root}. Run ./run.sh (it installs them), " +
                "set LAB_PG_BINDIR, or point ConnectionStrings:Admin at an existing server.");
        return new PostgresBinaries(best.dir, best.major);
    }
}
