using ImmersiveLab.Sandbox.Messages;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>A result column: its name and PostgreSQL type name (e.g. "vector", "bytea", "integer", "oid").</summary>
public sealed record ResultColumn(string Name, string TypeName, uint TypeOid);

/// <summary>A NOTICE/WARNING/INFO message the server sent while a statement ran.</summary>
public sealed record SqlNotice(string Severity, string Message, string? Detail, string? Hint);

/// <summary>An error with its position mapped to the cell (1-based line and column), when the server gave one.</summary>
public sealed record SqlError(
    string Message,
    string? SqlState,
    string? Detail = null,
    string? Hint = null,
    int? Line = null,
    int? Column = null,
    string? Where = null)
{
    /// <summary>0-based character offset of the error in the cell (for an editor marker), when known.</summary>
    public int? Offset { get; init; }

    /// <summary>The lab's own message (not the server's) as a code and arguments, for the learner's language;
    /// <see cref="Message"/> is its English rendering.</summary>
    public LabMessage? Text { get; init; }

    /// <summary>The lab's own hint as a code and arguments; <see cref="Hint"/> is its English rendering.</summary>
    public LabMessage? HintText { get; init; }
}

/// <summary>
/// What one statement of a cell produced. Row values are .NET values as Npgsql reads them (byte[] for bytea,
/// Pgvector.Vector/HalfVector/SparseVector, BitArray, string for unknown types, DBNull.Value → null);
/// values over the byte limit are replaced by a <see cref="TruncatedValue"/>.
/// </summary>
public sealed record StatementResult
{
    public required int Index { get; init; }
    public required string Sql { get; init; }
    /// <summary>1-based line of the cell where the statement starts.</summary>
    public required int StartLine { get; init; }
    public IReadOnlyList<ResultColumn> Columns { get; init; } = [];
    public IReadOnlyList<object?[]> Rows { get; init; } = [];
    /// <summary>Rows the statement returned in total (may exceed Rows.Count when truncated); null when unknown.</summary>
    public long? TotalRows { get; init; }
    public bool Truncated { get; init; }
    /// <summary>Why the rows were cut, in English (see <see cref="Cut"/> for the limit and its numbers).</summary>
    public string? TruncationReason { get; init; }
    /// <summary>Which limit cut the rows short, when one did.</summary>
    public ResultCut? Cut { get; init; }
    public string? CommandTag { get; init; }
    public long RowsAffected { get; init; }
    public IReadOnlyList<SqlNotice> Notices { get; init; } = [];
    public TimeSpan Elapsed { get; init; }
    public SqlError? Error { get; init; }
    /// <summary>Approximate size of the values kept in <see cref="Rows"/>, in bytes.</summary>
    public long ResultBytes { get; init; }
    public bool HasRows => Columns.Count > 0;

    internal StatementResult WithCut(ResultCut? cut) =>
        cut is null ? this : this with { Cut = cut, Truncated = true, TruncationReason = cut.Describe() };
}

/// <summary>A value too large to keep whole: its type, full length (in bytes) and a prefix.</summary>
public sealed record TruncatedValue(string TypeName, long FullLength, byte[]? BytesPrefix, string? TextPrefix)
{
    /// <summary>Reading stopped inside the value (a COPY line): it has at least <see cref="FullLength"/> bytes.</summary>
    public bool LengthIsMinimum { get; init; }
}

public enum TransactionStatus { Idle, InTransaction, Failed }

/// <summary>Everything a cell run produced: one result per statement that ran (later ones stop after an error).</summary>
public sealed record CellRunResult
{
    public IReadOnlyList<StatementResult> Statements { get; init; } = [];
    public bool Cancelled { get; init; }
    /// <summary>The session's connection had died and was reopened: SETs, temp tables and open transactions are gone.</summary>
    public bool SessionWasReset { get; init; }
    /// <summary>Why the session had ended, when the lab knows more than "it was lost" (closed after being idle, ended by
    /// the watchdog for holding too many locks, …), in words for the learner.</summary>
    public string? SessionResetReason { get; init; }
    /// <summary><see cref="SessionResetReason"/> as a code and arguments, for the learner's language.</summary>
    public LabMessage? SessionResetMessage { get; init; }
    public TransactionStatus Transaction { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>A problem before any statement ran (too long, queue full, sandbox unavailable).</summary>
    public SqlError? Error { get; init; }
    /// <summary>Bytes of rows the run keeps, all statements together (what a page that shows it holds of the learner's budget).</summary>
    public long ResultBytes { get; init; }
    public bool Succeeded => Error is null && !Cancelled && Statements.All(s => s.Error is null);
}
