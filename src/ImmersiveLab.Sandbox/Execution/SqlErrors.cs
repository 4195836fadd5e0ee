using ImmersiveLab.Sandbox.Messages;
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
        var labHint = e.Hint is null ? HintFor(e) : null;
        return new SqlError(ServerText.Clip(e.MessageText), e.SqlState, ServerText.ClipOrNull(e.Detail), ServerText.ClipOrNull(e.Hint) ?? labHint?.English(),
            line, column, ServerText.ClipOrNull(e.Where)) { Offset = offset, HintText = labHint };
    }

    public static SqlError Simple(LabMessage message, string? sqlState = null, SqlStatement? statement = null, LabMessage? hint = null) =>
        new(message.English(), sqlState, Hint: hint?.English(), Line: statement?.StartLine, Column: statement?.StartColumn)
        {
            Offset = statement?.StartOffset, Text = message, HintText = hint,
        };

    /// <summary>Hints for the errors learners meet because of the sandbox, when the server gave none.</summary>
    private static LabMessage? HintFor(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.InsufficientPrivilege => SandboxText.Of("Hint_InsufficientPrivilege"),
        PostgresErrorCodes.InFailedSqlTransaction => SandboxText.Of("Hint_InFailedTransaction"),
        PostgresErrorCodes.ConfigurationLimitExceeded when e.MessageText.Contains("temp_file_limit", StringComparison.Ordinal) =>
            SandboxText.Of("Hint_TempFileLimit"),
        PostgresErrorCodes.LockNotAvailable => SandboxText.Of("Hint_LockNotAvailable"),
        "25P03" => SandboxText.Of("Hint_IdleInTransaction"),
        _ => null,
    };
}
