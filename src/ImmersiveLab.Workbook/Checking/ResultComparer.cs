using System.Text;
using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Compares a learner's result with an expected one, by column position (names are ignored: a learner may alias
/// differently) and value text, either as multisets of rows or row by row in order.
/// </summary>
public static class ResultComparer
{
    private const int MaxRowsShown = 3;

    public static ResultComparison Compare(QueryResult expected, QueryResult actual, ResultOrder order)
    {
        if (expected.Columns.Count != actual.Columns.Count)
        {
            return ResultComparison.Mismatch(
                $"expected {expected.Columns.Count} column(s) ({string.Join(", ", expected.Columns)}) but got {actual.Columns.Count} ({string.Join(", ", actual.Columns)})");
        }

        return order == ResultOrder.Ordered ? CompareOrdered(expected, actual) : CompareAsSets(expected, actual);
    }

    private static ResultComparison CompareOrdered(QueryResult expected, QueryResult actual)
    {
        for (var i = 0; i < Math.Min(expected.Rows.Count, actual.Rows.Count); i++)
        {
            if (!RowComparer.Instance.Equals(expected.Rows[i], actual.Rows[i]))
            {
                var inOtherPlace = actual.Rows.Any(r => RowComparer.Instance.Equals(r, expected.Rows[i]));
                return ResultComparison.Mismatch(
                    $"row {i + 1}: expected {Format(expected.Rows[i])} but got {Format(actual.Rows[i])}"
                    + (inOtherPlace ? " (the expected row is there, but in another place: check ORDER BY)" : ""));
            }
        }

        return expected.Rows.Count == actual.Rows.Count
            ? ResultComparison.Match
            : ResultComparison.Mismatch(expected.Rows.Count > actual.Rows.Count
                ? $"expected {expected.Rows.Count} rows but got {actual.Rows.Count}; missing from row {actual.Rows.Count + 1}: {Format(expected.Rows[actual.Rows.Count])}"
                : $"expected {expected.Rows.Count} rows but got {actual.Rows.Count}; extra from row {expected.Rows.Count + 1}: {Format(actual.Rows[expected.Rows.Count])}");
    }

    private static ResultComparison CompareAsSets(QueryResult expected, QueryResult actual)
    {
        var remaining = new Dictionary<IReadOnlyList<string?>, int>(RowComparer.Instance);
        foreach (var row in expected.Rows)
        {
            remaining[row] = remaining.GetValueOrDefault(row) + 1;
        }

        var extra = new List<IReadOnlyList<string?>>();
        foreach (var row in actual.Rows)
        {
            if (remaining.TryGetValue(row, out var count) && count > 0)
            {
                remaining[row] = count - 1;
            }
            else
            {
                extra.Add(row);
            }
        }

        var missing = expected.Rows.Where(r => remaining[r]-- > 0).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return ResultComparison.Match;
        }

        var text = new StringBuilder();
        if (missing.Count > 0)
        {
            text.Append($"{missing.Count} expected row(s) missing: {FormatSome(missing)}");
        }

        if (extra.Count > 0)
        {
            text.Append(text.Length > 0 ? "; " : "").Append($"{extra.Count} unexpected row(s): {FormatSome(extra)}");
        }

        return ResultComparison.Mismatch(text.ToString());
    }

    private static string FormatSome(IReadOnlyList<IReadOnlyList<string?>> rows) =>
        string.Join(", ", rows.Take(MaxRowsShown).Select(Format)) + (rows.Count > MaxRowsShown ? $" and {rows.Count - MaxRowsShown} more" : "");

    private static string Format(IReadOnlyList<string?> row) =>
        "(" + string.Join(", ", row.Select(v => v is null ? "NULL" : v)) + ")";

    private sealed class RowComparer : IEqualityComparer<IReadOnlyList<string?>>
    {
        public static RowComparer Instance { get; } = new();

        public bool Equals(IReadOnlyList<string?>? x, IReadOnlyList<string?>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Count == y.Count
                && x.Zip(y).All(p => string.Equals(p.First, p.Second, StringComparison.Ordinal)));

        public int GetHashCode(IReadOnlyList<string?> row)
        {
            var hash = new HashCode();
            foreach (var value in row)
            {
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
