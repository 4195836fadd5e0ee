using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sql;

namespace ImmersiveLab.SqlAssist.Catalog;

/// <summary>
/// Whether statements a learner ran may have changed what the editor offers: DDL, anything that may run DDL (DO, CALL,
/// EXECUTE), SELECT … INTO, a changed search_path or role, a lost session (its temp tables went). Queries, DML,
/// transaction control and other SETs do not; what a function of the learner's does by itself is caught by the
/// catalog's maximum age.
/// </summary>
public static class CatalogChangeClassifier
{
    private static readonly HashSet<string> Harmless =
    [
        "SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "EXPLAIN", "SHOW", "BEGIN",
        "START", "COMMIT", "END", "SAVEPOINT", "RELEASE", "FETCH", "MOVE", "CLOSE", "DECLARE", "PREPARE", "DEALLOCATE",
        "LISTEN", "NOTIFY", "UNLISTEN", "VACUUM", "ANALYZE", "ANALYSE", "CLUSTER", "REINDEX", "CHECKPOINT", "LOCK",
        "TRUNCATE", "REFRESH",
    ];

    private static readonly HashSet<string> VisibilitySettings = ["SEARCH_PATH", "ROLE", "AUTHORIZATION"];

    public static bool MayChangeCatalog(StatementsRan ran) => ran.SessionWasReset || ran.Statements.Any(MayChangeCatalog);

    public static bool MayChangeCatalog(SqlStatement statement)
    {
        var words = statement.LeadingWords;
        var first = statement.FirstWord;
        if (first is "SET" or "RESET")
        {
            var name = words.Count > 1 && words[1] is "LOCAL" or "SESSION" && words.Count > 2 ? words[2] : words.Count > 1 ? words[1] : "";
            return VisibilitySettings.Contains(name) || name == "ALL";
        }
        if (!Harmless.Contains(first)) return true;
        // SELECT … INTO t creates t; EXPLAIN ANALYZE CREATE TABLE … AS runs it.
        if (first is "SELECT" or "WITH" or "EXPLAIN")
        {
            var all = Words(statement.Text);
            return (all.Contains("INTO") && !all.Contains("INSERT") && !all.Contains("MERGE")) || (first == "EXPLAIN" && all.Contains("CREATE"));
        }
        return false;
    }

    private static HashSet<string> Words(string sql)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in SqlLexer.Tokenize(sql))
            if (t.Kind == SqlTokenKind.Word) words.Add(sql[t.Start..t.End].ToUpperInvariant());
        return words;
    }
}
