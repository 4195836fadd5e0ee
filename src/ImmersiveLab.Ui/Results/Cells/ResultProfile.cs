namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>The column profiles of one statement result.</summary>
public sealed record ResultProfile(IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>The first column holding bytea images, the one the gallery shows; null when there is none.</summary>
    public int? ImageColumn => Columns.FirstOrDefault(c => c.ImageCount > 0)?.Index;
    public IEnumerable<ColumnProfile> OidColumns => Columns.Where(c => c.IsOid);
}
