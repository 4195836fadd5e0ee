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
    public static (SqlStatement? Statement, string? Refusal) Check(string sql)
    {
        var statements = StatementSplitter.Split(sql);
        if (statements.Count == 0) return (null, "There is nothing to explain: the cell has no statement.");
        if (statements.Count > 1) return (null, "EXPLAIN works on one query at a time; this cell has " + statements.Count + " statements.");
        var statement = statements[0];
        if (!QueryStarts.Contains(statement.FirstWord))
            return (null, $"Only a SELECT can be explained here ({statement.FirstWord} is not one): EXPLAIN ANALYZE runs the statement, " +
                          "so explaining an INSERT, UPDATE, DELETE or DDL statement would change your data.");
        foreach (var token in SqlLexer.Scan(statement.Text))
        {
            if (token.Kind != SqlTokenKind.Word) continue;
            var word = token.TextIn(statement.Text).ToUpperInvariant();
            if (Writes.Contains(word))
                return (null, $"This query contains {word}: EXPLAIN ANALYZE would run it and change data. Explain a plain SELECT.");
        }
        return (statement, null);
    }
}
