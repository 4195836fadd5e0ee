using ImmersiveLab.Database;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Quota;
using Npgsql;

namespace ImmersiveLab.Classroom;

/// <summary>
/// Reads what the instructor's dashboard shows for a class: each learner's place, exercises solved in the class's
/// labs, last error, idle time and whether a statement of theirs is running now. A few queries per refresh,
/// whatever the class size.
/// </summary>
public sealed class ClassDashboard(LabServer server, ClassStore classes, ILabCatalog catalog, TimeProvider time)
{
    public Task<ClassDashboardView?> GetAsync(Guid classId, CancellationToken ct) => ClassroomUnavailableException.Guard(() => ReadAsync(classId, ct));

    private async Task<ClassDashboardView?> ReadAsync(Guid classId, CancellationToken ct)
    {
        var cls = await classes.GetAsync(classId, ct);
        if (cls is null) return null;
        var labs = catalog.Labs.Where(l => cls.Includes(l.Id))
            .Select(l => new LabExerciseCount(l.Id, l.Documents.Values.Max(d => d.Exercises.Count())))
            .ToList();
        var labIds = labs.Select(l => l.LabId).ToHashSet(StringComparer.Ordinal);
        var exercises = labs.Sum(l => l.Exercises);

        var rows = new List<Row>();
        var solved = new Dictionary<Guid, Dictionary<string, int>>();
        await using (var batch = server.Metadata.CreateBatch())
        {
            batch.BatchCommands.Add(Command("""
                SELECT l.id, l.name, l.created_at,
                       p.lab_id, p.step_index, p.updated_at,
                       e.lab_id, e.cell_id, e.last_error, e.last_run_at,
                       GREATEST(l.last_seen_at, p.updated_at,
                                (SELECT max(r.last_run_at) FROM cell_runs r WHERE r.learner_id = l.id),
                                (SELECT max(v.last_at) FROM step_visits v WHERE v.learner_id = l.id)),
                       s.server_key, s.size_bytes, s.size_limit_bytes, s.size_checked_at
                FROM learners l
                LEFT JOIN learner_positions p ON p.learner_id = l.id
                LEFT JOIN LATERAL (SELECT r.lab_id, r.cell_id, r.last_error, r.last_run_at FROM cell_runs r
                                   WHERE r.learner_id = l.id AND r.last_error IS NOT NULL
                                   ORDER BY r.last_run_at DESC LIMIT 1) e ON true
                LEFT JOIN sandboxes s ON s.learner_id = l.id
                WHERE l.class_id = $1
                ORDER BY lower(l.name), l.name
                """, classId));
            batch.BatchCommands.Add(Command("""
                SELECT c.learner_id, c.lab_id, count(*)::int FROM check_results c JOIN learners l ON l.id = c.learner_id
                WHERE l.class_id = $1 AND c.passed_at IS NOT NULL
                GROUP BY c.learner_id, c.lab_id
                """, classId));
            await using var r = await batch.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add(new Row(r.GetGuid(0), r.GetString(1), Utc(r.GetDateTime(2)),
                    r.IsDBNull(3) ? null : new LearnerPlace(r.GetString(3), r.GetInt32(4), Utc(r.GetDateTime(5))),
                    r.IsDBNull(6) ? null : new LearnerError(r.GetString(6), r.GetString(7), r.GetString(8), Utc(r.GetDateTime(9))),
                    Utc(r.GetDateTime(10)), r.IsDBNull(11) ? null : r.GetString(11),
                    r.IsDBNull(12) ? null : new SandboxStorage(r.GetInt64(12), r.IsDBNull(13) ? 0 : r.GetInt64(13), Utc(r.GetDateTime(14)))));
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetGuid(0);
                if (!solved.TryGetValue(id, out var byLab)) solved[id] = byLab = new Dictionary<string, int>(StringComparer.Ordinal);
                byLab[r.GetString(1)] = r.GetInt32(2);
            }
        }

        var running = await RunningLearnersAsync(rows.Select(r => r.Id), ct);
        var now = time.GetUtcNow().UtcDateTime;
        var learners = rows.Select(row =>
        {
            var byLab = solved.GetValueOrDefault(row.Id) ?? new Dictionary<string, int>(StringComparer.Ordinal);
            var inClass = byLab.Where(kv => labIds.Contains(kv.Key)).Sum(kv => kv.Value);
            var idle = now - row.LastActive;
            return new LearnerStatus(row.Id, row.Name, row.Joined, row.Place, byLab, Math.Min(inClass, exercises), exercises,
                row.Error, row.LastActive, idle < TimeSpan.Zero ? TimeSpan.Zero : idle, running.Contains(row.Id), row.ServerKey is not null, row.ServerKey,
                row.Storage);
        }).ToList();
        return new ClassDashboardView(cls, learners, labs, now);
    }

    /// <summary>Learners with a statement active right now (any app instance's session), on every available server.</summary>
    private async Task<HashSet<Guid>> RunningLearnersAsync(IEnumerable<Guid> learners, CancellationToken ct)
    {
        var byRole = learners.ToDictionary(id => SandboxNames.For(id).Role, id => id, StringComparer.Ordinal);
        var running = new HashSet<Guid>();
        if (byRole.Count == 0) return running;
        foreach (var host in server.Hosts.Where(h => h.IsAvailable))
        {
            try
            {
                await using var cmd = host.Admin.CreateCommand(
                    "SELECT DISTINCT usename::text FROM pg_catalog.pg_stat_activity WHERE state = 'active' AND usename::text = ANY($1)");
                cmd.Parameters.AddWithValue(byRole.Keys.ToArray());
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    if (byRole.TryGetValue(r.GetString(0), out var id)) running.Add(id);
            }
            catch (NpgsqlException) when (!host.IsPrimary)
            {
                // A sandbox server going away must not take the dashboard with it; its learners show as not running.
            }
        }
        return running;
    }

    private static NpgsqlBatchCommand Command(string sql, Guid classId)
    {
        var c = new NpgsqlBatchCommand(sql);
        c.Parameters.Add(new NpgsqlParameter { Value = classId });
        return c;
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private sealed record Row(Guid Id, string Name, DateTime Joined, LearnerPlace? Place, LearnerError? Error, DateTime LastActive, string? ServerKey,
        SandboxStorage? Storage);
}
