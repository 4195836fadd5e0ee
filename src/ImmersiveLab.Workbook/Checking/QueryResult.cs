namespace ImmersiveLab.Workbook;

/// <summary>
/// A statement's result as text: column names and rows of values in PostgreSQL's text form (null for NULL).
/// Both sides of a comparison must come from the same conversion, so that e.g. 0.5 and 0.50 never meet.
/// </summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    public static QueryResult Of(IReadOnlyList<string> columns, params IReadOnlyList<string?>[] rows) => new(columns, rows);
}
