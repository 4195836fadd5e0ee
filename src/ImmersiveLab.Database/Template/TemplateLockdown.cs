using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ImmersiveLab.Database.Hosts;
using Npgsql;

namespace ImmersiveLab.Database.Template;

/// <summary>
/// The template's lock-down (Template/09_lockdown.sql: no advisory locks, no look at other learners' databases, roles
/// or sessions). New sandboxes have it from the template; <see cref="ApplyAsync"/> brings a sandbox made from an older
/// template up to date, and <see cref="Version"/> says which lock-down a sandbox has.
/// </summary>
public static class TemplateLockdown
{
    private const string Resource = "ImmersiveLab.Database.Template.09_lockdown.sql";

    public static string Sql { get; } = Read();

    /// <summary>Changes whenever the script does.</summary>
    public static string Version { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)))[..16].ToLowerInvariant();

    /// <summary>
    /// Runs the lock-down in an existing sandbox database, as the server's admin. The database belongs to a learner, who
    /// may have set defaults on it (ALTER DATABASE … SET role, search_path, statement_timeout, read-only): the session
    /// undoes them first, and the script names pg_catalog everywhere.
    /// </summary>
    public static async Task ApplyAsync(SandboxHost host, string database, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(host.ConnectionStringFor(database, applicationName: "immersivelab-lockdown"))
        {
            Pooling = false,
            Options = "-c search_path=pg_catalog -c statement_timeout=60000 -c lock_timeout=10000 -c default_transaction_read_only=off",
        };
        await using var conn = new NpgsqlConnection(cs.ConnectionString);
        await conn.OpenAsync(ct);
        await using (var reset = new NpgsqlCommand("SET ROLE NONE; SET search_path = pg_catalog", conn))
            await reset.ExecuteNonQueryAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"Missing resource {Resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
