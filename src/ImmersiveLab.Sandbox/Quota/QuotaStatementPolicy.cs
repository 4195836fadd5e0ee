using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Sandbox.Quota;

/// <summary>How a statement runs while its sandbox is over its size limit.</summary>
public enum QuotaTreatment
{
    /// <summary>Frees space (DROP, TRUNCATE, VACUUM without FULL, DISCARD): runs as usual.</summary>
    Frees,
    /// <summary>Transaction control and settings (BEGIN, COMMIT, ROLLBACK, SET, SHOW, …): run as usual, write nothing.</summary>
    Control,
    /// <summary>Anything else, reads included: runs read-only, so a write hidden in a SELECT (a function, a CTE) or a DO
    /// block fails instead of growing the sandbox.</summary>
    ReadOnly,
}

/// <summary>
/// Which statements a learner over their sandbox's size limit may still run, and how (pure). Writes hidden where one
/// does not look are covered by running everything else read-only; what read-only allows (temporary tables) and what
/// a TRUNCATE trigger may write are bounded by the statement's time limits and the maintenance sweep, which cancels the
/// statements of a sandbox over its limit and ends the sessions of one that still grows.
/// </summary>
public static class QuotaStatementPolicy
{
    public static QuotaTreatment Classify(SqlStatement statement)
    {
        var words = statement.LeadingWords;
        return statement.FirstWord switch
        {
            "DROP" or "TRUNCATE" or "DISCARD" => QuotaTreatment.Frees,
            // VACUUM FULL rewrites the table and needs room for the copy first.
            "VACUUM" when !words.Contains("FULL") => QuotaTreatment.Frees,
            "BEGIN" or "START" or "COMMIT" or "END" or "ROLLBACK" or "ABORT" or "SAVEPOINT" or "RELEASE"
                or "SET" or "RESET" or "SHOW" or "DEALLOCATE" or "CLOSE" or "UNLISTEN" => QuotaTreatment.Control,
            _ => QuotaTreatment.ReadOnly,
        };
    }
}
