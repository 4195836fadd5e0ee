using Npgsql;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>Turns server and client failures into the <see cref="SqlError"/> a learner sees.</summary>
internal static class SqlErrors
{
    public const string QueryCanceled = "57014";

    /// <summary>A server error, its position mapped from the statement to line/column of the cell.</summary>
    public static SqlError FromServer(PostgresException e, string cell, SqlStatement statement, int prefixLength = 0)
    {
        int? line = statement.StartLine, column = statement.StartColumn, offset = statement.StartOffset;
        if (e.Position > prefixLength)
        {
            var within = TextPosition.OffsetOfServerPosition(statement.Text, e.Position - prefixLength);
            offset = statement.StartOffset + within;
            (line, column) = TextPosition.LineAndColumn(cell, offset.Value);
        }
        return new SqlError(ServerText.Clip(e.MessageText), e.SqlState, ServerText.ClipOrNull(e.Detail), ServerText.ClipOrNull(e.Hint) ?? HintFor(e),
            line, column, ServerText.ClipOrNull(e.Where)) { Offset = offset };
    }

    public static SqlError Simple(string message, string? sqlState = null, SqlStatement? statement = null, string? hint = null) =>
        new(message, sqlState, Hint: hint, Line: statement?.StartLine, Column: statement?.StartColumn) { Offset = statement?.StartOffset };

    /// <summary>Hints for the errors learners meet because of the sandbox, when the server gave none.</summary>
    private static string? HintFor(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.InsufficientPrivilege =>
            "Your sandbox role owns only your own database; server files, other databases and other roles are off limits.",
        PostgresErrorCodes.InFailedSqlTransaction => "An earlier statement of this transaction failed: run ROLLBACK to continue.",
        PostgresErrorCodes.ConfigurationLimitExceeded when e.MessageText.Contains("temp_file_limit", StringComparison.Ordinal) =>
            "The query needed more temporary disk space than the lab allows. Add a LIMIT or a more selective WHERE.",
        PostgresErrorCodes.LockNotAvailable => "Another session of yours holds a lock on this object (lock_timeout).",
        "25P03" => "The transaction stayed open and idle for too long; the session was closed.",
        _ => null,
    };
}
