using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Sandbox.Telemetry;

/// <summary>
/// The first keyword of a statement as a metric label: one of a fixed list, else "OTHER". A learner can type anything,
/// so the label never carries their text and the number of series stays bounded.
/// </summary>
public static class StatementCommand
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UPDATE", "DELETE", "MERGE", "COPY",
        "CREATE", "ALTER", "DROP", "TRUNCATE", "COMMENT", "GRANT", "REVOKE",
        "EXPLAIN", "ANALYZE", "VACUUM", "REINDEX", "CLUSTER",
        "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE",
        "SET", "RESET", "SHOW", "DO", "CALL", "PREPARE", "EXECUTE", "DEALLOCATE", "LOCK", "DISCARD",
    };

    public const string Other = "OTHER";

    public static string Of(SqlStatement statement) => Of(statement.FirstWord);

    public static string Of(string? firstWord) =>
        firstWord is { } word && Known.TryGetValue(word.ToUpperInvariant(), out var known) ? known : Other;
}
