using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Whether a run went the way the lab means it to: it succeeded, or, for a demonstration marked
/// <c>fails=&lt;SQLSTATE&gt;</c>, it was refused with exactly that SQLSTATE.
/// </summary>
public static class IntendedOutcome
{
    public static bool IsAsIntended(SqlCell cell, CellRunResult run) => Deviation(cell, run) is null;

    /// <summary>The failure expected and seen (null when the cell is not a demonstration or it did not fail so).</summary>
    public static bool IsIntendedFailure(SqlCell cell, CellRunResult run) =>
        cell.ExpectedFailure is { } state && run.Error is null && !run.Cancelled && FirstError(run)?.SqlState == state;

    /// <summary>What differs from the intended outcome, for authors and logs; null when the run is as intended.</summary>
    public static string? Deviation(SqlCell cell, CellRunResult run)
    {
        if (run.Cancelled) return "cancelled";
        if (run.Error is { } refused) return refused.Message;
        var error = FirstError(run);
        if (cell.ExpectedFailure is not { } expected) return error?.Message;
        if (error is null) return $"meant to fail with SQLSTATE {expected}, but it succeeded";
        return error.SqlState == expected ? null : $"meant to fail with SQLSTATE {expected}, but failed with {error.SqlState ?? "no SQLSTATE"}: {error.Message}";
    }

    /// <summary>The error to mark in the editor after a run (the first with a line), unless the cell meant to fail so.</summary>
    public static SqlError? ErrorToMark(SqlCell cell, CellRunResult run) =>
        FirstError(run) is { Line: not null } error && !IsIntendedFailure(cell, run) ? error : null;

    private static SqlError? FirstError(CellRunResult run) => run.Statements.FirstOrDefault(s => s.Error is not null)?.Error;
}
