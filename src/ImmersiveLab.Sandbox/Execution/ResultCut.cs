using System.Globalization;
using ImmersiveLab.Sandbox.Messages;

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
    /// <summary>The reason as a code and arguments, for the learner's language (SandboxMessages.resx).</summary>
    public LabMessage Message => Limit switch
    {
        ResultLimit.Rows => SandboxText.Of("Cut_Rows", LimitValue),
        ResultLimit.RowsCounted => SandboxText.Of("Cut_RowsCounted", LimitValue, KeptFirst),
        ResultLimit.StatementBytes => SandboxText.Of("Cut_StatementBytes", Megabytes(LimitValue), KeptFirst),
        ResultLimit.CellBytes => SandboxText.Of("Cut_CellBytes", Megabytes(LimitValue), KeptFirst),
        ResultLimit.LearnerBytes => SandboxText.Of("Cut_LearnerBytes", Megabytes(LimitValue), KeptFirst),
        ResultLimit.ValueBytes => SandboxText.Of("Cut_ValueBytes", Megabytes(LimitValue), SandboxText.Rows(KeptRows)),
        _ => SandboxText.Of("Cut_Other"),
    };

    /// <summary>The reason in plain English (the CLI's and the JSON output's words; views render <see cref="Message"/>).</summary>
    public string Describe() => Message.English();

    private LabMessage KeptFirst => KeptRows switch
    {
        0 => SandboxText.Of("Cut_KeptNone"),
        1 => SandboxText.Of("Cut_KeptFirstOne"),
        _ => SandboxText.Of("Cut_KeptFirst", KeptRows),
    };

    /// <summary>A byte count as "16 MB" (or "1.5 MB", "900 kB").</summary>
    public static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " kB";
}
