using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Database.Metadata;

/// <summary>Applies the numbered scripts in Migrations/ to the metadata database, once each, in order.</summary>
public sealed class MetadataMigrator(ILogger<MetadataMigrator> logger)
{
    private const long AdvisoryLockKey = 0x1_4C41_424D; // shared by every app instance on this database

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public async Task MigrateAsync(NpgsqlDataSource metadata, CancellationToken ct)
    {
        await using var conn = await metadata.OpenConnectionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", conn))
            await lockCmd.ExecuteNonQueryAsync(ct);
        try
        {
            await using (var create = new NpgsqlCommand(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", conn))
                await create.ExecuteNonQueryAsync(ct);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations", conn))
            await using (var r = await read.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) applied.Add(r.GetInt32(0));

            foreach (var (version, name, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                logger.LogInformation("Applying metadata migration {Version} {Name}", version, name);
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var apply = new NpgsqlCommand(sql, conn, tx)) await apply.ExecuteNonQueryAsync(ct);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", conn, tx))
                {
                    record.Parameters.AddWithValue(version);
                    record.Parameters.AddWithValue(name);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", conn);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static IReadOnlyList<(int, string, string)> LoadScripts()
    {
        var asm = typeof(MetadataMigrator).Assembly;
        const string prefix = "ImmersiveLab.Database.Migrations.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var us = file.IndexOf('_');
                var version = int.Parse(file[..us].TrimStart('V', 'v'));
                using var s = new StreamReader(asm.GetManifestResourceStream(n)!);
                return (version, file[(us + 1)..], s.ReadToEnd());
            })
            .OrderBy(x => x.version)
            .ToList();
    }
}
