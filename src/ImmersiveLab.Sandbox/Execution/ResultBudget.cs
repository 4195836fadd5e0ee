namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// The result bytes one cell run may still keep: per statement (Sandbox:MaxResultBytes), for the whole run
/// (Sandbox:MaxCellResultBytes) and what the learner's kept results leave of Sandbox:MaxLearnerResultBytes. Bytes are
/// counted as they come from the server (plus a small overhead per value), one measure for all three. A value is
/// weighed before it is read, so nothing over a budget is ever fetched.
/// </summary>
internal sealed class ResultBudget(SandboxOptions limits, long keptByLearner)
{
    private long _statement;

    /// <summary>Bytes the run keeps (all its statements).</summary>
    public long CellBytes { get; private set; }

    /// <summary>Bytes the current statement keeps.</summary>
    public long StatementBytes => _statement;

    public void StartStatement() => _statement = 0;

    /// <summary>Takes <paramref name="bytes"/> if every budget has room, else names the tightest one (taking nothing).</summary>
    public ResultLimit? TryTake(long bytes)
    {
        var statementLeft = limits.MaxResultBytes - _statement;
        var cellLeft = limits.MaxCellResultBytes - CellBytes;
        var learnerLeft = limits.MaxLearnerResultBytes - keptByLearner - CellBytes;
        if (bytes > Math.Min(statementLeft, Math.Min(cellLeft, learnerLeft)))
            return statementLeft <= cellLeft && statementLeft <= learnerLeft ? ResultLimit.StatementBytes
                : cellLeft <= learnerLeft ? ResultLimit.CellBytes
                : ResultLimit.LearnerBytes;
        _statement += bytes;
        CellBytes += bytes;
        return null;
    }

    /// <summary>Gives back bytes taken for a row that was not kept after all.</summary>
    public void GiveBack(long bytes)
    {
        _statement -= bytes;
        CellBytes -= bytes;
    }

    /// <summary>The configured value of a byte limit, for the learner's message.</summary>
    public long Cap(ResultLimit limit) => limit switch
    {
        ResultLimit.StatementBytes => limits.MaxResultBytes,
        ResultLimit.CellBytes => limits.MaxCellResultBytes,
        ResultLimit.LearnerBytes => limits.MaxLearnerResultBytes,
        ResultLimit.ValueBytes => limits.MaxValueBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "not a byte limit"),
    };
}
