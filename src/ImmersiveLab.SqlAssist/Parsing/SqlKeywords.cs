namespace ImmersiveLab.SqlAssist.Parsing;

/// <summary>Keyword sets the editor's grammar needs (upper case).</summary>
public static class SqlKeywords
{
    /// <summary>PostgreSQL's reserved and type/function-name keywords: never a bare alias, always quoted as a name.</summary>
    public static readonly HashSet<string> Reserved =
    [
        "ALL", "ANALYSE", "ANALYZE", "AND", "ANY", "ARRAY", "AS", "ASC", "ASYMMETRIC", "BOTH", "CASE", "CAST", "CHECK",
        "COLLATE", "COLUMN", "CONSTRAINT", "CREATE", "CURRENT_CATALOG", "CURRENT_DATE", "CURRENT_ROLE", "CURRENT_TIME",
        "CURRENT_TIMESTAMP", "CURRENT_USER", "DEFAULT", "DEFERRABLE", "DESC", "DISTINCT", "DO", "ELSE", "END", "EXCEPT",
        "FALSE", "FETCH", "FOR", "FOREIGN", "FROM", "GRANT", "GROUP", "HAVING", "IN", "INITIALLY", "INTERSECT", "INTO",
        "LATERAL", "LEADING", "LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "NOT", "NULL", "OFFSET", "ON", "ONLY", "OR", "ORDER",
        "PLACING", "PRIMARY", "REFERENCES", "RETURNING", "SELECT", "SESSION_USER", "SOME", "SYMMETRIC", "TABLE", "THEN",
        "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "USER", "USING", "VARIADIC", "WHEN", "WHERE", "WINDOW", "WITH",
        "AUTHORIZATION", "BINARY", "COLLATION", "CONCURRENTLY", "CROSS", "CURRENT_SCHEMA", "FREEZE", "FULL", "ILIKE",
        "INNER", "IS", "ISNULL", "JOIN", "LEFT", "LIKE", "NATURAL", "NOTNULL", "OUTER", "OVERLAPS", "RIGHT", "SIMILAR",
        "TABLESAMPLE", "VERBOSE",
    ];

    public static readonly HashSet<string> JoinWords = ["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL"];

    /// <summary>Words that end a FROM list at its level.</summary>
    public static readonly HashSet<string> FromTerminators =
    [
        "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "WINDOW", "UNION", "INTERSECT", "EXCEPT", "RETURNING", "FOR",
        "FETCH", "SET",
    ];

    public static readonly HashSet<string> SetOperations = ["UNION", "INTERSECT", "EXCEPT"];

    /// <summary>Words after which an expression (an operand) is expected.</summary>
    public static readonly HashSet<string> ExpressionStarters =
    [
        "SELECT", "DISTINCT", "ALL", "WHERE", "AND", "OR", "NOT", "ON", "HAVING", "BY", "WHEN", "THEN", "ELSE", "CASE",
        "IN", "BETWEEN", "LIKE", "ILIKE", "SIMILAR", "IS", "RETURNING", "VALUES", "ANY", "SOME", "EXISTS", "ARRAY", "LIMIT",
        "OFFSET", "RETURN", "DEFAULT",
    ];

    /// <summary>Keywords that are a complete operand (an expression may end with them).</summary>
    public static readonly HashSet<string> OperandKeywords =
    [
        "NULL", "TRUE", "FALSE", "END", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "CURRENT_ROLE",
        "SESSION_USER", "USER", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_SCHEMA", "CURRENT_CATALOG",
    ];

    /// <summary>What a statement may start with, as the editor offers it.</summary>
    public static readonly string[] StatementStarts =
    [
        "SELECT", "WITH", "INSERT INTO", "UPDATE", "DELETE FROM", "CREATE TABLE", "CREATE INDEX", "CREATE VIEW",
        "CREATE EXTENSION", "CREATE FUNCTION", "ALTER TABLE", "DROP TABLE", "DROP INDEX", "DROP VIEW", "TRUNCATE", "SET", "SET LOCAL", "SHOW",
        "RESET", "EXPLAIN", "EXPLAIN ANALYZE", "EXPLAIN (ANALYZE, BUFFERS)", "BEGIN", "COMMIT", "ROLLBACK", "VALUES", "TABLE", "COPY",
        "COMMENT ON", "GRANT", "REVOKE", "ANALYZE", "VACUUM", "REINDEX", "CALL", "DO",
    ];

    /// <summary>Expression keywords offered with columns and functions.</summary>
    public static readonly string[] ExpressionWords =
    [
        "CASE", "WHEN", "THEN", "ELSE", "END", "AND", "OR", "NOT", "NULL", "TRUE", "FALSE", "IS", "IN", "EXISTS", "BETWEEN",
        "LIKE", "ILIKE", "DISTINCT", "CAST", "ARRAY", "ANY", "ALL",
    ];
}
