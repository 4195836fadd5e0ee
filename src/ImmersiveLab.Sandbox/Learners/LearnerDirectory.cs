using ImmersiveLab.Database;
using Npgsql;

namespace ImmersiveLab.Sandbox.Learners;

/// <summary>Finds and creates learners in the metadata database.</summary>
public sealed class LearnerDirectory(LabServer server, Microsoft.Extensions.Options.IOptions<SandboxOptions> options)
{
    /// <summary>The implicit learner of solo mode (created on first use).</summary>
    public Task<LearnerRef> GetOrCreateSoloAsync(CancellationToken ct) => GetOrCreateAsync(options.Value.SoloLearnerName, null, ct);

    /// <summary>A learner by display name, in a class or (classId null) among solo learners; created if new.</summary>
    public async Task<LearnerRef> GetOrCreateAsync(string name, Guid? classId, CancellationToken ct)
    {
        name = NormalizeName(name);
        await using var cmd = server.Metadata.CreateCommand("""
            INSERT INTO learners (name, class_id) VALUES ($1, $2)
            ON CONFLICT (class_id, name) DO UPDATE SET last_seen_at = now()
            RETURNING id
            """);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)classId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        var id = (Guid)(await cmd.ExecuteScalarAsync(ct))!;
        return new LearnerRef(id, name, classId);
    }

    public async Task<LearnerRef?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("SELECT id, name, class_id FROM learners WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await ReadOneAsync(cmd, ct);
    }

    public async Task<LearnerRef?> FindByNameAsync(string name, Guid? classId, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand(
            "SELECT id, name, class_id FROM learners WHERE name = $1 AND class_id IS NOT DISTINCT FROM $2");
        cmd.Parameters.AddWithValue(NormalizeName(name));
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)classId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>The class with this join code, if any (codes are compared case-insensitively).</summary>
    public async Task<Guid?> FindClassIdByCodeAsync(string code, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("SELECT id FROM classes WHERE lower(code) = lower($1) AND closed_at IS NULL");
        cmd.Parameters.AddWithValue(code.Trim());
        return await cmd.ExecuteScalarAsync(ct) as Guid?;
    }

    public async Task TouchAsync(Guid learnerId, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("UPDATE learners SET last_seen_at = now() WHERE id = $1");
        cmd.Parameters.AddWithValue(learnerId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Trims and collapses whitespace; 1-64 characters, no control characters.</summary>
    public static string NormalizeName(string name)
    {
        var trimmed = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length is 0 or > 64 || trimmed.Any(char.IsControl))
            throw new ArgumentException("A learner name has 1 to 64 characters and no control characters.", nameof(name));
        return trimmed;
    }

    private static async Task<LearnerRef?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new LearnerRef(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetGuid(2));
    }
}
