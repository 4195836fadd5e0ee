using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Classroom;

/// <summary>
/// Learners join a class with its code and a display name, no password. A first join gets a resume code; coming back
/// under a name already taken in the class (compared ignoring case) needs that code, so knowing the class code and a
/// classmate's name is not enough to become them. A stranger learns nothing from a refusal: a wrong code, an ended
/// class, a full one and one that takes no new names all get the same answer. A full class never refuses its own
/// learners.
/// </summary>
public sealed class ClassJoiner(LabServer server, ClassStore classes, ILogger<ClassJoiner> logger)
{
    public const string NotAdmittedMessage = "This code does not let you join a class now. Check it with your instructor.";

    public Task<JoinOutcome> JoinAsync(string code, string name, CancellationToken ct) => JoinAsync(code, name, null, ct);

    public Task<JoinOutcome> JoinAsync(string code, string name, string? resumeCode, CancellationToken ct) =>
        ClassroomUnavailableException.Guard(() => JoinCoreAsync(code, name, ResumeCode.Normalize(resumeCode), ct));

    private async Task<JoinOutcome> JoinCoreAsync(string code, string name, string resumeCode, CancellationToken ct)
    {
        if (LearnerName.Normalize(name) is not { } normalized)
            return JoinOutcome.Refused(JoinRefusal.InvalidName, $"A display name has 1 to {LearnerName.MaxLength} characters.");
        var cls = await classes.FindByCodeAsync(code ?? "", ct);
        if (cls is not { IsOpen: true }) return NotAdmitted(cls is null ? "unknown code" : "class ended", code, cls);

        await using var conn = await server.Metadata.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The class row lock serializes joins of one class, so the limit and the name check hold with several app instances.
        int max;
        bool admitsNew;
        await using (var lockClass = new NpgsqlCommand("SELECT max_learners, admits_new_learners FROM classes WHERE id = $1 FOR UPDATE", conn, tx))
        {
            lockClass.Parameters.AddWithValue(cls.Id);
            await using var r = await lockClass.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return NotAdmitted("class deleted", code, cls);
            (max, admitsNew) = (r.GetInt32(0), r.GetBoolean(1));
        }

        if (await FindTakenAsync(conn, tx, cls.Id, normalized, ct) is { } taken)
        {
            if (resumeCode.Length == 0)
                return JoinOutcome.Refused(JoinRefusal.NameTaken, $"The name {taken.Name} is already taken in this class.", cls);
            if (!ResumeCode.Matches(resumeCode, taken.ResumeHash))
            {
                logger.LogInformation("Wrong resume code for {Name} in class {Class}", taken.Name, cls.Code);
                return JoinOutcome.Refused(JoinRefusal.WrongResumeCode, "That resume code is not this learner's.", cls);
            }
            await using (var touch = new NpgsqlCommand("UPDATE learners SET last_seen_at = now() WHERE id = $1", conn, tx))
            {
                touch.Parameters.AddWithValue(taken.Id);
                await touch.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            logger.LogInformation("{Name} came back to class {Class} with their resume code", taken.Name, cls.Code);
            return new JoinOutcome(new LearnerRef(taken.Id, taken.Name, cls.Id), cls, true, null, null, ResumeCode.Format(resumeCode));
        }

        if (resumeCode.Length > 0)
            return JoinOutcome.Refused(JoinRefusal.UnknownName, "Nobody in this class has that name, so there is nothing to resume.", cls);
        if (!admitsNew) return NotAdmitted("takes no new learners", code, cls);
        var fresh = ResumeCode.Generate();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO learners (name, class_id, resume_code_hash)
            SELECT $2, c.id, $3 FROM classes c
            WHERE c.id = $1 AND (SELECT count(*) FROM learners l WHERE l.class_id = c.id) < c.max_learners
            RETURNING id
            """, conn, tx);
        insert.Parameters.AddWithValue(cls.Id);
        insert.Parameters.AddWithValue(normalized);
        insert.Parameters.AddWithValue(ResumeCode.Hash(fresh));
        if (await insert.ExecuteScalarAsync(ct) is not Guid newId)
        {
            await tx.RollbackAsync(ct);
            return NotAdmitted($"full ({max} learners)", code, cls);
        }
        await tx.CommitAsync(ct);
        logger.LogInformation("{Name} joined class {Class}", normalized, cls.Code);
        return new JoinOutcome(new LearnerRef(newId, normalized, cls.Id), cls, false, null, null, fresh);
    }

    /// <summary>The learner of a sign-in cookie, while their class is open; null once it ended, or they or it were deleted.</summary>
    public Task<LearnerRef?> ValidateAsync(Guid learnerId, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var cmd = server.Metadata.CreateCommand("""
            SELECT l.name, l.class_id FROM learners l JOIN classes c ON c.id = l.class_id
            WHERE l.id = $1 AND c.closed_at IS NULL
            """);
        cmd.Parameters.AddWithValue(learnerId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new LearnerRef(learnerId, r.GetString(0), r.GetGuid(1)) : null;
    });

    /// <summary>The learner of the class whose name equals <paramref name="name"/> ignoring case (the exact spelling first).</summary>
    private static async Task<(Guid Id, string Name, string? ResumeHash)?> FindTakenAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid classId, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id, name, resume_code_hash FROM learners
            WHERE class_id = $1 AND lower(name) = lower($2)
            ORDER BY name = $2 DESC, created_at
            LIMIT 1
            """, conn, tx);
        cmd.Parameters.AddWithValue(classId);
        cmd.Parameters.AddWithValue(name);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)) : null;
    }

    private JoinOutcome NotAdmitted(string why, string? code, ClassInfo? cls = null)
    {
        // Wrong codes are what a guesser sends by the thousand: not worth a line each.
        logger.Log(cls is null ? LogLevel.Debug : LogLevel.Information, "Join refused ({Reason}) for code {Code}", why, ClassCode.Normalize(code));
        return JoinOutcome.Refused(JoinRefusal.NotAdmitted, NotAdmittedMessage);
    }
}
