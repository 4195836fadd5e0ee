using System.Globalization;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Which limit cut a statement's rows short. The names and numbers are stable, so a view can word each in the
/// learner's language (with the numbers on <see cref="ResultCut"/>).
/// </summary>
public enum ResultLimit
{
    /// <summary>More rows than Sandbox:MaxRows: the first are kept, the rest only counted.</summary>
    Rows,
    /// <summary>More rows than Sandbox:CountRowsUpTo: counting stopped and so did the statement.</summary>
    RowsCounted,
    /// <summary>The statement's rows passed Sandbox:MaxResultBytes.</summary>
    StatementBytes,
    /// <summary>The cell's statements together passed Sandbox:MaxCellResultBytes.</summary>
    CellBytes,
    /// <summary>The results the learner's pages keep, with this cell's, passed Sandbox:MaxLearnerResultBytes.</summary>
    LearnerBytes,
    /// <summary>A line of COPY … TO STDOUT passed Sandbox:MaxValueBytes: its start is kept and the COPY stopped there.</summary>
    ValueBytes,
}

/// <summary>Why a statement's rows were cut: the limit, its value (rows, or bytes as received) and how many rows were kept.</summary>
public sealed record ResultCut(ResultLimit Limit, long LimitValue, int KeptRows)
{
    /// <summary>The reason in plain English (the CLI's and the JSON output's words; views may word it themselves).</summary>
    public string Describe() => Limit switch
    {
        ResultLimit.Rows => $"Only the first {LimitValue.ToString(CultureInfo.InvariantCulture)} rows are kept.",
        ResultLimit.RowsCounted => $"More than {LimitValue.ToString("N0", CultureInfo.InvariantCulture)} rows: the statement was stopped; the first {Kept} are kept.",
        ResultLimit.StatementBytes => $"The result passed {Megabytes(LimitValue)}, the limit for one statement; {KeptFirst}.",
        ResultLimit.CellBytes => $"The results of this cell passed {Megabytes(LimitValue)}, the limit for one run of a cell; {KeptFirst}. Run fewer or smaller queries at once.",
        ResultLimit.LearnerBytes => $"Your results on screen (in all your tabs) passed {Megabytes(LimitValue)}, the limit per learner; {KeptFirst}. Leave the step or close other tabs to free room.",
        ResultLimit.ValueBytes => $"A line passed {Megabytes(LimitValue)}, the limit for one value: the COPY was stopped there and only the start of that line is kept ({Kept} in all).",
        _ => "The result was cut.",
    };

    private string Kept => KeptRows.ToString("N0", CultureInfo.InvariantCulture) + (KeptRows == 1 ? " row" : " rows");

    private string KeptFirst => KeptRows == 0 ? "no rows of this statement are kept" : $"only the first {Kept} are kept";

    /// <summary>A byte count as "16 MB" (or "1.5 MB", "900 kB").</summary>
    public static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " kB";
}
