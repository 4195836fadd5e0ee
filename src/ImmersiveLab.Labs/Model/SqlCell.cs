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
}
