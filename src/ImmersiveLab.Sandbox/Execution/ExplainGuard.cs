using ImmersiveLab.Sandbox.Messages;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Decides whether a cell may be run under EXPLAIN ANALYZE: ANALYZE executes the statement, so only a single
/// query that changes nothing qualifies. (The runner also wraps it in a read-only transaction that is rolled
/// back; this check is there to give a clear message first.) The one answer to "can this be explained": the result
/// view offers its Explain button by the same check.
/// </summary>
public static class ExplainGuard
{
    private static readonly HashSet<string> QueryStarts = ["SELECT", "WITH", "VALUES", "TABLE"];
    private static readonly HashSet<string> Writes = ["INSERT", "UPDATE", "DELETE", "MERGE", "INTO", "TRUNCATE", "COPY"];

    /// <summary>True when <see cref="Check"/> accepts the text.</summary>
    public static bool CanExplain(string sql) => Check(sql).Statement is not null;

    /// <summary>The statement to explain, or a refusal message.</summary>
    public static (SqlStatement? Statement, LabMessage? Refusal) Check(string sql)
    {
        var statements = StatementSplitter.Split(sql);
        if (statements.Count == 0) return (null, SandboxText.Of("Explain_Nothing"));
        if (statements.Count > 1) return (null, SandboxText.Of("Explain_OneQuery", statements.Count));
        var statement = statements[0];
        if (!QueryStarts.Contains(statement.FirstWord))
            return (null, SandboxText.Of("Explain_OnlySelect", statement.FirstWord));
        foreach (var token in SqlLexer.Scan(statement.Text))
        {
            if (token.Kind != SqlTokenKind.Word) continue;
            var word = token.TextIn(statement.Text).ToUpperInvariant();
            if (Writes.Contains(word))
                return (null, SandboxText.Of("Explain_Writes", word));
        }
        return (statement, null);
    }
}
