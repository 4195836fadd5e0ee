using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Classroom;

/// <summary>
/// Learners join a class with its code and a display name, no password: the same name and code from another
/// browser is the same learner (their sandbox and progress). A full class refuses new names, never returning ones.
/// </summary>
public sealed class ClassJoiner(LabServer server, ClassStore classes, ILogger<ClassJoiner> logger)
{
    public async Task<JoinOutcome> JoinAsync(string code, string name, CancellationToken ct)
    {
        string normalized;
        try
        {
            normalized = LearnerDirectory.NormalizeName(name);
        }
        catch (ArgumentException)
        {
            return JoinOutcome.Refused(JoinRefusal.InvalidName, "A display name has 1 to 64 characters.");
        }
        var cls = await classes.FindByCodeAsync(code ?? "", ct);
        if (cls is null) return JoinOutcome.Refused(JoinRefusal.UnknownCode, "No class has that code. Check it with your instructor.");
        if (!cls.IsOpen) return JoinOutcome.Refused(JoinRefusal.ClassClosed, "This class has ended.", cls);

        await using var conn = await server.Metadata.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The class row lock serializes joins of one class, so the limit holds with several app instances.
        await using (var lockClass = new NpgsqlCommand("SELECT max_learners FROM classes WHERE id = $1 FOR UPDATE", conn, tx))
        {
            lockClass.Parameters.AddWithValue(cls.Id);
            await lockClass.ExecuteScalarAsync(ct);
        }
        await using (var existing = new NpgsqlCommand(
            "UPDATE learners SET last_seen_at = now() WHERE class_id = $1 AND name = $2 RETURNING id", conn, tx))
        {
            existing.Parameters.AddWithValue(cls.Id);
            existing.Parameters.AddWithValue(normalized);
            if (await existing.ExecuteScalarAsync(ct) is Guid id)
            {
                await tx.CommitAsync(ct);
                logger.LogInformation("{Name} rejoined class {Class}", normalized, cls.Code);
                return new JoinOutcome(new LearnerRef(id, normalized, cls.Id), cls, true, null, null);
            }
        }
        await using var insert = new NpgsqlCommand("""
            INSERT INTO learners (name, class_id)
            SELECT $2, c.id FROM classes c
            WHERE c.id = $1 AND (SELECT count(*) FROM learners l WHERE l.class_id = c.id) < c.max_learners
            RETURNING id
            """, conn, tx);
        insert.Parameters.AddWithValue(cls.Id);
        insert.Parameters.AddWithValue(normalized);
        if (await insert.ExecuteScalarAsync(ct) is not Guid newId)
        {
            await tx.RollbackAsync(ct);
            return JoinOutcome.Refused(JoinRefusal.ClassFull, $"This class is full ({cls.MaxLearners} learners). Ask your instructor.", cls);
        }
        await tx.CommitAsync(ct);
        logger.LogInformation("{Name} joined class {Class}", normalized, cls.Code);
        return new JoinOutcome(new LearnerRef(newId, normalized, cls.Id), cls, false, null, null);
    }

    /// <summary>The learner of a sign-in cookie, while their class is open; null once it ended or was deleted.</summary>
    public async Task<LearnerRef?> ValidateAsync(Guid learnerId, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("""
            SELECT l.name, l.class_id FROM learners l JOIN classes c ON c.id = l.class_id
            WHERE l.id = $1 AND c.closed_at IS NULL
            """);
        cmd.Parameters.AddWithValue(learnerId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new LearnerRef(learnerId, r.GetString(0), r.GetGuid(1)) : null;
    }
}
