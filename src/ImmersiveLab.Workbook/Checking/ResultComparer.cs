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
            return ResultComparison.Mismatch(CheckText.Of("Diff_Columns",
                expected.Columns.Count, string.Join(", ", expected.Columns), actual.Columns.Count, string.Join(", ", actual.Columns)));
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
                return ResultComparison.Mismatch(CheckText.Of(inOtherPlace ? "Diff_RowElsewhere" : "Diff_Row",
                    i + 1, Format(expected.Rows[i]), Format(actual.Rows[i])), OrderedDiff(expected, actual, i));
            }
        }

        return expected.Rows.Count == actual.Rows.Count
            ? ResultComparison.Match
            : ResultComparison.Mismatch(expected.Rows.Count > actual.Rows.Count
                ? CheckText.Of("Diff_Missing", expected.Rows.Count, actual.Rows.Count, actual.Rows.Count + 1, Format(expected.Rows[actual.Rows.Count]))
                : CheckText.Of("Diff_Extra", expected.Rows.Count, actual.Rows.Count, expected.Rows.Count + 1, Format(actual.Rows[expected.Rows.Count])),
                OrderedDiff(expected, actual, Math.Min(expected.Rows.Count, actual.Rows.Count)));
    }

    /// <summary>Rows side by side from the first differing position <paramref name="from"/> on.</summary>
    private static ResultDiff OrderedDiff(QueryResult expected, QueryResult actual, int from)
    {
        var end = Math.Max(expected.Rows.Count, actual.Rows.Count);
        var rows = new List<DiffRow>();
        for (var i = from; i < end && rows.Count < ResultDiff.MaxRows; i++)
        {
            rows.Add(new DiffRow(
                i < expected.Rows.Count ? i + 1 : null, i < expected.Rows.Count ? expected.Rows[i] : null,
                i < actual.Rows.Count ? i + 1 : null, i < actual.Rows.Count ? actual.Rows[i] : null));
        }
        return new ResultDiff(expected.Columns, actual.Columns, rows, end - from - rows.Count);
    }

    /// <summary>The missing expected rows beside the learner's unexpected rows, in the order each result has them.</summary>
    private static ResultDiff SetDiff(QueryResult expected, QueryResult actual, List<int> missing, List<int> extra)
    {
        var lines = Math.Max(missing.Count, extra.Count);
        var rows = new List<DiffRow>();
        for (var k = 0; k < lines && rows.Count < ResultDiff.MaxRows; k++)
        {
            rows.Add(new DiffRow(
                k < missing.Count ? missing[k] + 1 : null, k < missing.Count ? expected.Rows[missing[k]] : null,
                k < extra.Count ? extra[k] + 1 : null, k < extra.Count ? actual.Rows[extra[k]] : null));
        }
        return new ResultDiff(expected.Columns, actual.Columns, rows, lines - rows.Count);
    }

    private static ResultComparison CompareAsSets(QueryResult expected, QueryResult actual)
    {
        var remaining = new Dictionary<IReadOnlyList<string?>, int>(RowComparer.Instance);
        foreach (var row in expected.Rows)
        {
            remaining[row] = remaining.GetValueOrDefault(row) + 1;
        }

        var extraAt = new List<int>();
        for (var i = 0; i < actual.Rows.Count; i++)
        {
            var row = actual.Rows[i];
            if (remaining.TryGetValue(row, out var count) && count > 0)
            {
                remaining[row] = count - 1;
            }
            else
            {
                extraAt.Add(i);
            }
        }

        var missingAt = Enumerable.Range(0, expected.Rows.Count).Where(i => remaining[expected.Rows[i]]-- > 0).ToList();
        var missing = missingAt.Select(i => expected.Rows[i]).ToList();
        var extra = extraAt.Select(i => actual.Rows[i]).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return ResultComparison.Match;
        }

        var missed = missing.Count > 0 ? CheckText.Of("Diff_SetMissing", missing.Count, FormatSome(missing)) : null;
        var added = extra.Count > 0 ? CheckText.Of("Diff_SetExtra", extra.Count, FormatSome(extra)) : null;
        return ResultComparison.Mismatch(missed is not null && added is not null ? CheckText.Of("Diff_Both", missed, added) : (missed ?? added)!,
            SetDiff(expected, actual, missingAt, extraAt));
    }

    private static object FormatSome(IReadOnlyList<IReadOnlyList<string?>> rows)
    {
        var shown = string.Join(", ", rows.Take(MaxRowsShown).Select(Format));
        return rows.Count > MaxRowsShown ? CheckText.Of("Diff_AndMore", shown, rows.Count - MaxRowsShown) : shown;
    }

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
