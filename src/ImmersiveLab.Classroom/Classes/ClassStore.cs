using ImmersiveLab.Database;
using ImmersiveLab.Labs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Classroom;

/// <summary>
/// Classes in the metadata database. Every change bumps the class's revision, which each app instance's
/// <see cref="ClassBroadcaster"/> watches, so learners on any instance see locks and pushed steps.
/// </summary>
public sealed class ClassStore(LabServer server, ILabCatalog catalog, IOptions<ClassroomOptions> options, ILogger<ClassStore> logger)
{
    private const string Select = """
        SELECT c.id, c.name, c.code, c.labs, c.locked_labs, c.max_learners,
               (SELECT count(*)::int FROM learners l WHERE l.class_id = c.id),
               c.created_at, c.closed_at, c.revision, c.push_seq, c.push_lab, c.push_step, c.pushed_at, c.admits_new_learners
        FROM classes c
        """;

    public Task<ClassInfo> CreateAsync(NewClass request, CancellationToken ct) => ClassroomUnavailableException.Guard(() => CreateCoreAsync(request, ct));

    private async Task<ClassInfo> CreateCoreAsync(NewClass request, CancellationToken ct)
    {
        var name = (request.Name ?? "").Trim();
        if (name.Length is 0 or > 80) throw new ClassroomException("A class name has 1 to 80 characters.");
        var labs = ValidateLabs(request.Labs ?? []);
        var max = request.MaxLearners ?? options.Value.DefaultMaxLearners;
        if (max is < 1 or > 1000) throw new ClassroomException("A class admits 1 to 1000 learners.");
        var chosen = request.Code is { Length: > 0 } ? ClassCode.Normalize(request.Code) : null;
        if (chosen is not null && ClassCode.Problem(chosen) is { } problem) throw new ClassroomException(problem);

        for (var attempt = 1; ; attempt++)
        {
            var code = chosen ?? ClassCode.Generate();
            await using var cmd = server.Metadata.CreateCommand(
                "INSERT INTO classes (name, code, labs, max_learners) VALUES ($1, $2, $3, $4) RETURNING id");
            cmd.Parameters.AddWithValue(name);
            cmd.Parameters.AddWithValue(code);
            cmd.Parameters.AddWithValue(labs.ToArray());
            cmd.Parameters.AddWithValue(max);
            try
            {
                var id = (Guid)(await cmd.ExecuteScalarAsync(ct))!;
                logger.LogInformation("Created class {Name} ({Code})", name, code);
                return (await GetAsync(id, ct))!;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                if (chosen is not null) throw new ClassroomException($"The code {code} is already used by another class; choose another.");
                if (attempt >= 5) throw;
            }
        }
    }

    public Task<ClassInfo?> GetAsync(Guid id, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var cmd = server.Metadata.CreateCommand(Select + " WHERE c.id = $1");
        cmd.Parameters.AddWithValue(id);
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    });

    /// <summary>The class with this code (open or closed), compared case-insensitively.</summary>
    public Task<ClassInfo?> FindByCodeAsync(string code, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var cmd = server.Metadata.CreateCommand(Select + " WHERE lower(c.code) = lower($1)");
        cmd.Parameters.AddWithValue(ClassCode.Normalize(code));
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    });

    /// <summary>Classes, newest first; closed ones too when asked.</summary>
    public Task<IReadOnlyList<ClassInfo>> ListAsync(bool includeClosed, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var cmd = server.Metadata.CreateCommand(
            Select + (includeClosed ? "" : " WHERE c.closed_at IS NULL") + " ORDER BY c.created_at DESC");
        return await ReadAsync(cmd, ct);
    });

    public Task<ClassInfo> SetLabLockedAsync(Guid id, string labId, bool locked, CancellationToken ct)
    {
        ValidateLabs([labId]);
        return UpdateAsync(id, locked
            ? "locked_labs = CASE WHEN $2 = ANY(locked_labs) THEN locked_labs ELSE array_append(locked_labs, $2) END"
            : "locked_labs = array_remove(locked_labs, $2)", ct, labId);
    }

    public Task<ClassInfo> SetLabsAsync(Guid id, IReadOnlyList<string> labs, CancellationToken ct) =>
        UpdateAsync(id, "labs = $2", ct, ValidateLabs(labs).ToArray());

    /// <summary>Sends every learner of the class to a step (0 is the lab's introduction).</summary>
    public Task<ClassInfo> PushStepAsync(Guid id, string labId, int step, CancellationToken ct)
    {
        var lab = catalog.Find(labId) ?? throw new ClassroomException($"There is no lab '{labId}'.");
        var steps = lab.Documents.Values.Min(d => d.Steps.Count);
        if (step < 0 || step > steps) throw new ClassroomException($"The lab '{labId}' has steps 1 to {steps} (0 is its introduction).");
        return UpdateAsync(id, "push_seq = push_seq + 1, push_lab = $2, push_step = $3, pushed_at = now()", ct, labId, step);
    }

    public Task<ClassInfo> SetMaxLearnersAsync(Guid id, int max, CancellationToken ct) =>
        max is < 1 or > 1000 ? throw new ClassroomException("A class admits 1 to 1000 learners.") : UpdateAsync(id, "max_learners = $2", ct, max);

    /// <summary>Ends the class: nobody can join any more; its learners' sign-ins stop working.</summary>
    public Task<ClassInfo> CloseAsync(Guid id, CancellationToken ct) => UpdateAsync(id, "closed_at = COALESCE(closed_at, now())", ct);

    public Task<ClassInfo> ReopenAsync(Guid id, CancellationToken ct) => UpdateAsync(id, "closed_at = NULL", ct);

    /// <summary>Whether new names may join. Off, only the class's own learners come back (with their resume code), so
    /// someone who got hold of the code cannot fill the class.</summary>
    public Task<ClassInfo> SetAdmitsNewLearnersAsync(Guid id, bool admits, CancellationToken ct) => UpdateAsync(id, "admits_new_learners = $2", ct, admits);

    /// <summary>Deletes the class and its learners with their progress (their sandboxes become orphans, dropped by maintenance).</summary>
    public Task<bool> DeleteAsync(Guid id, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var cmd = server.Metadata.CreateCommand("DELETE FROM classes WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    });

    private Task<ClassInfo> UpdateAsync(Guid id, string set, CancellationToken ct, params object[] values) => ClassroomUnavailableException.Guard(async () =>
    {
        await using var cmd = server.Metadata.CreateCommand($"UPDATE classes SET {set}, revision = revision + 1 WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        foreach (var v in values) cmd.Parameters.AddWithValue(v);
        if (await cmd.ExecuteNonQueryAsync(ct) == 0) throw new ClassroomException("That class does not exist (any more).");
        return (await GetAsync(id, ct))!;
    });

    private List<string> ValidateLabs(IReadOnlyList<string> labs)
    {
        var unknown = labs.Where(l => catalog.Find(l) is null).ToList();
        if (unknown.Count > 0) throw new ClassroomException($"Unknown lab: {string.Join(", ", unknown)}.");
        return labs.Distinct(StringComparer.Ordinal).ToList();
    }

    private static async Task<IReadOnlyList<ClassInfo>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<ClassInfo>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            StepPush? push = r.IsDBNull(11) ? null : new StepPush(r.GetInt32(10), r.GetString(11), r.GetInt32(12), Utc(r.GetDateTime(13)));
            list.Add(new ClassInfo(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetFieldValue<string[]>(4),
                r.GetInt32(5), r.GetInt32(6), Utc(r.GetDateTime(7)), r.IsDBNull(8) ? null : Utc(r.GetDateTime(8)), r.GetInt64(9), push, r.GetBoolean(14)));
        }
        return list;
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
