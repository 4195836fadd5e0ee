namespace ImmersiveLab.Labs;

/// <summary>
/// A fenced <c>sql</c> block. <see cref="Source"/> is the opening fence; the SQL's first line is the line after it,
/// so line <c>n</c> of <see cref="Sql"/> is line <c>Source.Line + n</c> of the file.
/// </summary>
public sealed record SqlCell(
    string Id,
    SqlCellKind Kind,
    string Sql,
    LabSourceLocation Source,
    bool Explain,
    Exercise? Exercise,
    FenceInfo Fence) : LabBlock(Source.Line)
{
    public bool IsEditable => Kind is SqlCellKind.Runnable or SqlCellKind.Exercise;

    /// <summary>The SQLSTATE a demonstration cell is meant to fail with (<c>fails=42501</c>): the point of the
    /// cell is the refusal, and <c>imlab labs check</c> verifies the refusal still happens.</summary>
    public string? ExpectedFailure => Fence.Options.FirstOrDefault(o => o.Name == "fails")?.Value;

    /// <summary>The index the lesson expects this cell's query plan to use (<c>expects-index=items</c> or
    /// <c>expects-index=items/items_v_hnsw</c>): the plan view then flags a Seq Scan where an index was expected.</summary>
    public IndexExpectation? ExpectedIndex =>
        Fence.Options.FirstOrDefault(o => o.Name == "expects-index")?.Value is { Length: > 0 } value
            ? IndexExpectation.Parse(value)
            : null;
}
