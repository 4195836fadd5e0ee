using ImmersiveLab.Database.Template;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Database.Hosts;

/// <summary>
/// Makes a server fit for sandboxes: PostgreSQL 15+ with pgvector 0.8+, the template database built, and CONNECT taken
/// from PUBLIC on every shared database (so a learner's credentials open only their own sandbox on that server).
/// </summary>
public sealed class SandboxHostPreparer(IOptions<LabDatabaseOptions> options, TemplateDatabaseBuilder templateBuilder)
{
    public async Task CheckVersionsAsync(SandboxHost host, CancellationToken ct)
    {
        await using var cmd = host.Admin.CreateCommand(
            "SELECT current_setting('server_version_num')::int, (SELECT default_version FROM pg_available_extensions WHERE name = 'vector')");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var versionNum = r.GetInt32(0);
        var vector = r.IsDBNull(1) ? null : r.GetString(1);
        var which = host.IsPrimary ? "the server" : $"the sandbox server '{host.Key}'";
        if (versionNum < 150000)
            throw new LabDatabaseException($"PostgreSQL 15 or newer is required; {which} is {versionNum / 10000}.");
        if (vector is null)
            throw new LabDatabaseException($"The pgvector extension is not installed on {which}. Run ./run.sh (it builds it) or install pgvector 0.8+.");
        if (!Version.TryParse(vector, out var v) || v < new Version(0, 8, 0))
            throw new LabDatabaseException($"pgvector 0.8 or newer is required; {which} has {vector}.");
    }

    /// <summary>Builds (or keeps) the template and locks down the shared databases; on the primary also the metadata database.</summary>
    public async Task PrepareAsync(SandboxHost host, CancellationToken ct)
    {
        var o = options.Value;
        await templateBuilder.EnsureAsync(host.Admin, host.ConnectionStringFor(o.TemplateDatabase), ct);
        var shared = host.IsPrimary
            ? new[] { "postgres", "template1", o.MetadataDatabase, o.TemplateDatabase }
            : ["postgres", "template1", o.TemplateDatabase];
        foreach (var db in shared)
        {
            await using var cmd = host.Admin.CreateCommand($"REVOKE ALL ON DATABASE {LabServer.Quote(db)} FROM PUBLIC");
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<ServerStatus> ReadStatusAsync(SandboxHost host, ServerMode mode, string? dataDirectory, string? logFile, CancellationToken ct)
    {
        await using var cmd = host.Admin.CreateCommand(
            "SELECT version(), (SELECT default_version FROM pg_available_extensions WHERE name = 'vector'), current_setting('port')::int, " +
            "(SELECT default_version FROM pg_available_extensions WHERE name = 'imgsmlr')");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new ServerStatus(mode, r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), dataDirectory, logFile, r.GetInt32(2),
            r.IsDBNull(3) ? null : r.GetString(3));
    }
}
