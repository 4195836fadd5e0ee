namespace ImmersiveLab.Workbook;

/// <summary>
/// One line of a side-by-side difference: an expected row and the learner's row at the same place (either may be
/// missing), with their 1-based row numbers and which cells differ (by column position).
/// </summary>
public sealed record DiffRow(int? ExpectedNumber, IReadOnlyList<string?>? Expected, int? ActualNumber, IReadOnlyList<string?>? Actual)
{
    /// <summary>True for each column position whose value differs, or exists on one side only.</summary>
    public IReadOnlyList<bool> Differs { get; } = DiffersOf(Expected, Actual);

    private static bool[] DiffersOf(IReadOnlyList<string?>? expected, IReadOnlyList<string?>? actual)
    {
        var width = Math.Max(expected?.Count ?? 0, actual?.Count ?? 0);
        var differs = new bool[width];
        for (var i = 0; i < width; i++)
        {
            var inExpected = expected is not null && i < expected.Count;
            var inActual = actual is not null && i < actual.Count;
            differs[i] = inExpected != inActual || (inExpected && !string.Equals(expected![i], actual![i], StringComparison.Ordinal));
        }
        return differs;
    }
}

/// <summary>
/// The first rows where a learner's result differs from the expected one, paired side by side: for an ordered
/// comparison the rows from the first differing position on; for a set comparison the expected rows that are missing
/// beside the learner's rows that are not expected. <see cref="More"/> counts differing lines not shown.
/// </summary>
public sealed record ResultDiff(IReadOnlyList<string> ExpectedColumns, IReadOnlyList<string> ActualColumns, IReadOnlyList<DiffRow> Rows, int More)
{
    public const int MaxRows = 5;
}
