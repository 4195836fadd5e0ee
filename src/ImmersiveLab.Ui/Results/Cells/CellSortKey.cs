using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>
/// A total order over any mix of cell values for client-side sorting: NULLs last (as PostgreSQL sorts ascending),
/// then numbers by value, then booleans, then everything else by its text (ordinal). Vectors sort by their text.
/// </summary>
public sealed class CellSortKey(object? value) : IComparable<CellSortKey>, IComparable
{
    private readonly int _rank = value switch
    {
        null or DBNull => 3,
        _ when CellNumbers.IsNumeric(value) => 0,
        bool => 1,
        _ => 2,
    };
    private readonly double _number = CellNumbers.ToDouble(value) ?? 0;
    private readonly decimal? _decimal = value as decimal?;
    private readonly bool _bool = value is true;
    private readonly string? _text = value is null or DBNull || CellNumbers.IsNumeric(value) || value is bool
        ? null
        : value is byte[] b ? b.Length.ToString("D12") + PostgresText.Bytea(b.AsSpan(0, Math.Min(b.Length, 64))) : PostgresText.Format(value);

    public int CompareTo(CellSortKey? other)
    {
        if (other is null) return -1;
        if (_rank != other._rank) return _rank.CompareTo(other._rank);
        return _rank switch
        {
            0 when _decimal is { } a && other._decimal is { } b => a.CompareTo(b),
            0 => _number.CompareTo(other._number),
            1 => _bool.CompareTo(other._bool),
            2 => string.CompareOrdinal(_text, other._text),
            _ => 0,
        };
    }

    public int CompareTo(object? obj) => CompareTo(obj as CellSortKey);
    public override bool Equals(object? obj) => obj is CellSortKey k && CompareTo(k) == 0;
    public override int GetHashCode() => HashCode.Combine(_rank, _number, _text);
}
