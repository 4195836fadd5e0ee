using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook;

/// <summary>
/// A statement's result as text: column names and rows of values in PostgreSQL's text form (null for NULL).
/// Both sides of a comparison come from the same conversion (<see cref="PostgresText"/>, what the result view shows
/// and copies), so a value compares equal exactly when it reads the same: 0.5 and 0.50 never meet.
/// </summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    public static QueryResult Of(IReadOnlyList<string> columns, params IReadOnlyList<string?>[] rows) => new(columns, rows);

    public static QueryResult From(StatementResult result) => new(
        result.Columns.Select(c => c.Name).ToList(),
        result.Rows.Select(row => (IReadOnlyList<string?>)row.Select(Text).ToList()).ToList());

    // A value over the runner's byte limit: only its prefix is known, so it is marked, never equal to a whole value.
    private static string? Text(object? value) => value is TruncatedValue t
        ? $"(truncated {t.TypeName} of {(t.LengthIsMinimum ? "at least " : "")}{t.FullLength} bytes) {PostgresText.Format(t)}"
        : PostgresText.Format(value);
}
