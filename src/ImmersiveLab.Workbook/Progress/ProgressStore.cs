using ImmersiveLab.Database;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Workbook;

/// <summary>
/// A learner's progress in the metadata database (tables step_visits, learner_positions, cell_runs, check_results):
/// visited steps and time spent, where they are, which cells they ran and which exercises they solved.
/// </summary>
public sealed class ProgressStore(LabServer server, ILogger<ProgressStore> logger)
{
    /// <summary>Longest error text kept per cell run: enough to recognise it, not a place for a log.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>The learner opened a step: records the visit and moves their position there.</summary>
    public async Task RecordVisitAsync(Guid learnerId, string labId, int step, CancellationToken ct)
    {
        ValidateLab(labId);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        await using var batch = server.Metadata.CreateBatch();
        batch.BatchCommands.Add(Command("""
            INSERT INTO step_visits (learner_id, lab_id, step_index) VALUES ($1, $2, $3)
            ON CONFLICT (learner_id, lab_id, step_index) DO UPDATE SET last_at = now()
            """, learnerId, labId, step));
        batch.BatchCommands.Add(Command("""
            INSERT INTO learner_positions (learner_id, lab_id, step_index) VALUES ($1, $2, $3)
            ON CONFLICT (learner_id) DO UPDATE SET lab_id = excluded.lab_id, step_index = excluded.step_index, updated_at = now()
            """, learnerId, labId, step));
        await batch.ExecuteNonQueryAsync(ct);
        logger.LogDebug("Learner {Learner} opened {Lab} step {Step}", learnerId, labId, step);
    }

    /// <summary>Adds active time to a step (the visit is created if it was not recorded yet).</summary>
    public async Task AddTimeAsync(Guid learnerId, string labId, int step, TimeSpan spent, CancellationToken ct)
    {
        ValidateLab(labId);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var seconds = (int)Math.Min(int.MaxValue, Math.Round(spent.TotalSeconds));
        if (seconds <= 0) return;
        await using var cmd = server.Metadata.CreateCommand("""
            INSERT INTO step_visits (learner_id, lab_id, step_index, seconds_spent) VALUES ($1, $2, $3, $4)
            ON CONFLICT (learner_id, lab_id, step_index)
            DO UPDATE SET seconds_spent = step_visits.seconds_spent + excluded.seconds_spent, last_at = now()
            """);
        Add(cmd.Parameters, learnerId, labId, step, seconds);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records a cell run and, for a checked exercise (<paramref name="passed"/> not null), its check, in one round
    /// trip: the same rows as <see cref="RecordCellRunAsync"/> and <see cref="RecordCheckAsync"/>.
    /// </summary>
    public async Task RecordRunAsync(Guid learnerId, string labId, string cellId, string? error, bool? passed, string? message, CancellationToken ct)
    {
        ValidateLab(labId);
        ValidateCell(cellId);
        await using var batch = server.Metadata.CreateBatch();
        var run = Command(RunSql, learnerId, labId, cellId);
        run.Parameters.Add(new NpgsqlParameter { Value = (object?)Clip(error) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        batch.BatchCommands.Add(run);
        if (passed is { } ok)
        {
            var check = Command(CheckSql, learnerId, labId, cellId, ok);
            check.Parameters.Add(new NpgsqlParameter { Value = (object?)Clip(message) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            batch.BatchCommands.Add(check);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The learner ran a cell; <paramref name="error"/> is the first error of the run, or null.</summary>
    public async Task RecordCellRunAsync(Guid learnerId, string labId, string cellId, string? error, CancellationToken ct)
    {
        ValidateLab(labId);
        ValidateCell(cellId);
        await using var cmd = server.Metadata.CreateCommand(RunSql);
        Add(cmd.Parameters, learnerId, labId, cellId);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)Clip(error) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Stores the outcome of an exercise's check. The first pass is remembered for good.</summary>
    public async Task RecordCheckAsync(Guid learnerId, string labId, string cellId, bool passed, string? message, CancellationToken ct)
    {
        ValidateLab(labId);
        ValidateCell(cellId);
        await using var cmd = server.Metadata.CreateCommand(CheckSql);
        Add(cmd.Parameters, learnerId, labId, cellId, passed);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)Clip(message) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Where the learner was last, or null for a new learner.</summary>
    public async Task<LearnerPosition?> GetPositionAsync(Guid learnerId, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("SELECT lab_id, step_index, updated_at FROM learner_positions WHERE learner_id = $1");
        cmd.Parameters.AddWithValue(learnerId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new LearnerPosition(r.GetString(0), r.GetInt32(1), Utc(r.GetDateTime(2))) : null;
    }

    public async Task<LabProgress> GetLabAsync(Guid learnerId, string labId, CancellationToken ct)
    {
        ValidateLab(labId);
        var all = await ReadAsync(learnerId, labId, ct);
        return all.TryGetValue(labId, out var progress) ? progress : LabProgress.Empty(labId);
    }

    /// <summary>The learner's progress in every lab they touched, by lab id.</summary>
    public Task<IReadOnlyDictionary<string, LabProgress>> GetAllAsync(Guid learnerId, CancellationToken ct) =>
        ReadAsync(learnerId, null, ct);

    private async Task<IReadOnlyDictionary<string, LabProgress>> ReadAsync(Guid learnerId, string? labId, CancellationToken ct)
    {
        var steps = new List<(string Lab, StepVisit Visit)>();
        var cells = new List<(string Lab, CellRunRecord Run)>();
        var checks = new List<(string Lab, CheckRecord Check)>();
        await using var batch = server.Metadata.CreateBatch();
        batch.BatchCommands.Add(Filtered("SELECT lab_id, step_index, first_at, last_at, seconds_spent FROM step_visits", "step_index"));
        batch.BatchCommands.Add(Filtered("SELECT lab_id, cell_id, runs, last_run_at, last_error FROM cell_runs", "cell_id"));
        batch.BatchCommands.Add(Filtered("SELECT lab_id, cell_id, passed, message, checked_at, passed_at FROM check_results", "cell_id"));
        await using var r = await batch.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            steps.Add((r.GetString(0), new StepVisit(r.GetInt32(1), Utc(r.GetDateTime(2)), Utc(r.GetDateTime(3)), r.GetInt32(4))));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            cells.Add((r.GetString(0), new CellRunRecord(r.GetString(1), r.GetInt32(2), Utc(r.GetDateTime(3)), r.IsDBNull(4) ? null : r.GetString(4))));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            checks.Add((r.GetString(0), new CheckRecord(r.GetString(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3),
                Utc(r.GetDateTime(4)), r.IsDBNull(5) ? null : Utc(r.GetDateTime(5)))));

        return steps.Select(s => s.Lab).Concat(cells.Select(c => c.Lab)).Concat(checks.Select(c => c.Lab))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(
                lab => lab,
                lab => new LabProgress(
                    lab,
                    steps.Where(s => s.Lab == lab).Select(s => s.Visit).ToList(),
                    cells.Where(c => c.Lab == lab).Select(c => c.Run).ToList(),
                    checks.Where(c => c.Lab == lab).Select(c => c.Check).ToList()),
                StringComparer.Ordinal);

        NpgsqlBatchCommand Filtered(string select, string orderBy)
        {
            var command = new NpgsqlBatchCommand($"{select} WHERE learner_id = $1 AND ($2::text IS NULL OR lab_id = $2) ORDER BY lab_id, {orderBy}");
            command.Parameters.Add(new NpgsqlParameter { Value = learnerId });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)labId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            return command;
        }
    }

    private const string RunSql = """
        INSERT INTO cell_runs (learner_id, lab_id, cell_id, runs, last_error) VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT (learner_id, lab_id, cell_id)
        DO UPDATE SET runs = cell_runs.runs + 1, last_run_at = now(), last_error = excluded.last_error
        """;

    private const string CheckSql = """
        INSERT INTO check_results (learner_id, lab_id, cell_id, passed, message, passed_at)
        VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 THEN now() END)
        ON CONFLICT (learner_id, lab_id, cell_id)
        DO UPDATE SET passed = excluded.passed, message = excluded.message, checked_at = now(),
                      passed_at = COALESCE(check_results.passed_at, excluded.passed_at)
        """;

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        Add(command.Parameters, values);
        return command;
    }

    private static void Add(NpgsqlParameterCollection parameters, params object[] values)
    {
        foreach (var value in values) parameters.Add(new NpgsqlParameter { Value = value });
    }

    private static string? Clip(string? text) =>
        text is null || text.Length <= MaxMessageLength ? text : text[..(MaxMessageLength - 1)] + "…";

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    internal static void ValidateLab(string labId)
    {
        if (string.IsNullOrWhiteSpace(labId) || labId.Length > 100)
            throw new ArgumentException("A lab id is 1 to 100 characters.", nameof(labId));
    }

    internal static void ValidateCell(string cellId)
    {
        if (string.IsNullOrWhiteSpace(cellId) || cellId.Length > 100)
            throw new ArgumentException("A cell id is 1 to 100 characters.", nameof(cellId));
    }
}
