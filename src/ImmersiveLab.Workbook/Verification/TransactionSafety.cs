using ImmersiveLab.Sql;
using System.Text.RegularExpressions;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Whether SQL can run inside a transaction that the verifier then rolls back: not when it controls transactions
/// itself (BEGIN, COMMIT, SAVEPOINT, a DO block or procedure that commits) or holds a statement PostgreSQL refuses in a
/// transaction block (VACUUM, CREATE INDEX CONCURRENTLY, CREATE DATABASE, …).
/// </summary>
internal static partial class TransactionSafety
{
    private static readonly HashSet<string> OwnTransaction =
        ["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "VACUUM", "CHECKPOINT", "DISCARD"];

    public static bool CanRollBack(string sql) => StatementSplitter.Split(sql).All(CanRollBack);

    private static bool CanRollBack(SqlStatement statement)
    {
        var words = statement.LeadingWords;
        if (words.Count == 0) return true;
        if (OwnTransaction.Contains(words[0]) || words.Contains("CONCURRENTLY")) return false;
        if (words is ["PREPARE", "TRANSACTION", ..] or ["COMMIT", "PREPARED", ..] or ["ALTER", "SYSTEM", ..]) return false;
        if (words.Count > 1 && words[0] is "CREATE" or "DROP" or "ALTER" && words[1] is "DATABASE" or "TABLESPACE") return false;
        if (words[0] is "REINDEX" && words.Count > 1 && words[1] is "SYSTEM" or "DATABASE") return false;
        return words[0] is not ("DO" or "CALL") || !TransactionControl().IsMatch(statement.Text);
    }

    [GeneratedRegex(@"\b(COMMIT|ROLLBACK)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TransactionControl();
}
