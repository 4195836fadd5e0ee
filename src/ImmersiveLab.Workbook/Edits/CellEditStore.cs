using ImmersiveLab.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Workbook;

/// <summary>
/// The learner's own version of each editable cell (table cell_edits), so their SQL survives reloads and restarts.
/// Saving the cell's original text deletes the edit: "reset to original" and "never edited" look the same.
/// </summary>
public sealed class CellEditStore(LabServer server, IOptions<WorkbookOptions> options, ILogger<CellEditStore> logger)
{
    public async Task<string?> GetAsync(Guid learnerId, string labId, string cellId, CancellationToken ct)
    {
        ProgressStore.ValidateLab(labId);
        ProgressStore.ValidateCell(cellId);
        await using var cmd = server.Metadata.CreateCommand("SELECT sql FROM cell_edits WHERE learner_id = $1 AND lab_id = $2 AND cell_id = $3");
        cmd.Parameters.AddWithValue(learnerId);
        cmd.Parameters.AddWithValue(labId);
        cmd.Parameters.AddWithValue(cellId);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Every edited cell of a lab: cell id → the learner's SQL.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetLabAsync(Guid learnerId, string labId, CancellationToken ct)
    {
        ProgressStore.ValidateLab(labId);
        await using var cmd = server.Metadata.CreateCommand("SELECT cell_id, sql FROM cell_edits WHERE learner_id = $1 AND lab_id = $2");
        cmd.Parameters.AddWithValue(learnerId);
        cmd.Parameters.AddWithValue(labId);
        var edits = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) edits[r.GetString(0)] = r.GetString(1);
        return edits;
    }

    /// <summary>Keeps <paramref name="sql"/> as the learner's version; the original text removes the edit instead.</summary>
    public async Task SaveAsync(Guid learnerId, string labId, string cellId, string sql, string original, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (sql.Length > options.Value.MaxEditChars)
            throw new ArgumentException($"A cell can hold at most {options.Value.MaxEditChars:N0} characters; this one has {sql.Length:N0}.", nameof(sql));
        if (Normalize(sql) == Normalize(original))
        {
            await DeleteAsync(learnerId, labId, cellId, ct);
            return;
        }

        ProgressStore.ValidateLab(labId);
        ProgressStore.ValidateCell(cellId);
        await using var cmd = server.Metadata.CreateCommand("""
            INSERT INTO cell_edits (learner_id, lab_id, cell_id, sql) VALUES ($1, $2, $3, $4)
            ON CONFLICT (learner_id, lab_id, cell_id) DO UPDATE SET sql = excluded.sql, updated_at = now()
            """);
        cmd.Parameters.AddWithValue(learnerId);
        cmd.Parameters.AddWithValue(labId);
        cmd.Parameters.AddWithValue(cellId);
        cmd.Parameters.AddWithValue(sql);
        await cmd.ExecuteNonQueryAsync(ct);
        logger.LogDebug("Saved learner {Learner}'s edit of {Lab}/{Cell}", learnerId, labId, cellId);
    }

    /// <summary>Forgets the learner's version (back to the lab's text).</summary>
    public async Task DeleteAsync(Guid learnerId, string labId, string cellId, CancellationToken ct)
    {
        ProgressStore.ValidateLab(labId);
        ProgressStore.ValidateCell(cellId);
        await using var cmd = server.Metadata.CreateCommand("DELETE FROM cell_edits WHERE learner_id = $1 AND lab_id = $2 AND cell_id = $3");
        cmd.Parameters.AddWithValue(learnerId);
        cmd.Parameters.AddWithValue(labId);
        cmd.Parameters.AddWithValue(cellId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // Monaco may hand back CRLF or drop a final newline; neither is an edit.
    private static string Normalize(string sql) => sql.Replace("\r\n", "\n").TrimEnd();
}
