using Npgsql;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// The command tag psql would print ("SELECT 3", "INSERT 0 1", "CREATE TABLE"). Npgsql exposes the statement type
/// and row count but not the tag text of utility statements, so those are named from the statement's keywords.
/// </summary>
internal static class CommandTags
{
    private static readonly HashSet<string> Modifiers =
    [
        "OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "UNIQUE", "GLOBAL", "LOCAL", "TRUSTED", "PROCEDURAL",
        "RECURSIVE", "CONCURRENTLY", "IF", "NOT", "EXISTS",
    ];

    private static readonly HashSet<string> TwoWordObjects =
    [
        "MATERIALIZED", "FOREIGN", "EVENT", "TEXT", "ACCESS", "OPERATOR", "USER", "DEFAULT", "DATA",
    ];

    public static string For(SqlStatement statement, StatementType type, ulong rows) => type switch
    {
        StatementType.Select => $"SELECT {rows}",
        StatementType.CreateTableAs => $"SELECT {rows}",
        StatementType.Insert => $"INSERT 0 {rows}",
        StatementType.Update => $"UPDATE {rows}",
        StatementType.Delete => $"DELETE {rows}",
        StatementType.Merge => $"MERGE {rows}",
        StatementType.Copy => $"COPY {rows}",
        StatementType.Move => $"MOVE {rows}",
        StatementType.Fetch => $"FETCH {rows}",
        _ => FromKeywords(statement.LeadingWords),
    };

    internal static string FromKeywords(IReadOnlyList<string> words)
    {
        if (words.Count == 0) return "";
        var first = words[0];
        switch (first)
        {
            case "END": return "COMMIT";
            case "ABORT": return "ROLLBACK";
            case "START": return "START TRANSACTION";
            case "ROLLBACK" when words.Count > 1 && words[1] is "TO": return "ROLLBACK";
            case "CREATE" or "DROP" or "ALTER" or "COMMENT" or "SECURITY":
                if (first is "COMMENT" or "SECURITY") return first == "COMMENT" ? "COMMENT" : "SECURITY LABEL";
                var i = 1;
                while (i < words.Count && Modifiers.Contains(words[i])) i++;
                if (i >= words.Count) return first;
                var kind = words[i];
                if (TwoWordObjects.Contains(kind) && i + 1 < words.Count) kind += " " + words[i + 1];
                if (kind == "TEXT SEARCH" && i + 2 < words.Count) kind += " " + words[i + 2];
                return first + " " + kind;
            case "GRANT" or "REVOKE" or "SET" or "RESET" or "BEGIN" or "COMMIT" or "ROLLBACK" or "SAVEPOINT" or "RELEASE"
                or "TRUNCATE" or "VACUUM" or "ANALYZE" or "ANALYSE" or "CLUSTER" or "REINDEX" or "LOCK" or "DO" or "CALL"
                or "LISTEN" or "NOTIFY" or "UNLISTEN" or "PREPARE" or "EXECUTE" or "DEALLOCATE" or "DISCARD" or "CHECKPOINT"
                or "LOAD" or "DECLARE" or "CLOSE" or "REFRESH" or "IMPORT" or "REASSIGN" or "SHOW" or "EXPLAIN":
                return first switch
                {
                    "ANALYSE" => "ANALYZE",
                    "REFRESH" => "REFRESH MATERIALIZED VIEW",
                    "DECLARE" => "DECLARE CURSOR",
                    "CLOSE" when words.Count > 1 && words[1] == "ALL" => "CLOSE CURSOR ALL",
                    "CLOSE" => "CLOSE CURSOR",
                    "DISCARD" when words.Count > 1 => "DISCARD " + words[1],
                    "SET" when words.Count > 1 && words[1] == "CONSTRAINTS" => "SET CONSTRAINTS",
                    "IMPORT" => "IMPORT FOREIGN SCHEMA",
                    _ => first,
                };
            default:
                return first;
        }
    }
}
