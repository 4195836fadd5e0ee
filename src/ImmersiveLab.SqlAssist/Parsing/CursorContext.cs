namespace ImmersiveLab.SqlAssist.Parsing;

/// <summary>What fits where the cursor is.</summary>
public enum AssistContextKind
{
    /// <summary>Nothing to offer: inside a string or comment, naming something new, in the middle of a number.</summary>
    None,
    /// <summary>The first word of a statement.</summary>
    StatementStart,
    /// <summary>A table or view (after FROM, JOIN, INTO, UPDATE, ON in CREATE INDEX, …).</summary>
    Relation,
    /// <summary>An index name (DROP INDEX, REINDEX INDEX).</summary>
    Index,
    /// <summary>An operand: columns in scope, functions, expression keywords.</summary>
    Expression,
    /// <summary>After a complete operand: operators that fit its type, and the keywords that may follow.</summary>
    AfterExpression,
    /// <summary>A column of one table only (INSERT INTO t (…), UPDATE t SET …, CREATE INDEX ON t (…), ALTER TABLE t DROP COLUMN …).</summary>
    Column,
    /// <summary>A data type (after ::, a new column's name, CAST(… AS, ALTER … TYPE).</summary>
    Type,
    SettingName,
    SettingValue,
    /// <summary>USING in CREATE INDEX.</summary>
    IndexMethod,
    /// <summary>After a column of CREATE INDEX … USING method (…).</summary>
    OperatorClass,
    /// <summary>Inside CREATE INDEX … WITH (…).</summary>
    IndexOption,
    /// <summary>Only the keywords that may come next.</summary>
    Keywords,
}

/// <summary>The operand before the cursor when it is simple: a column reference (a, t.a, s.t.a) or a cast (…::vector).</summary>
public sealed record Operand(IReadOnlyList<string>? ColumnReference, string? CastType);

/// <summary>
/// Where the cursor is in a cell's SQL, as far as completion, hover and signature help need it. The text typed so far
/// (<see cref="Prefix"/>) spans [<see cref="ReplaceStart"/>, cursor); a chosen item replaces
/// [<see cref="ReplaceStart"/>, <see cref="ReplaceEnd"/>), the whole word under the cursor.
/// </summary>
public sealed record CursorContext(AssistContextKind Kind, string Prefix, int ReplaceStart, int ReplaceEnd)
{
    public static CursorContext Nothing(int offset) => new(AssistContextKind.None, "", offset, offset);

    /// <summary>Names before a dot (lab. → ["lab"]; t. → ["t"]; lab.sample_images. → ["lab", "sample_images"]).</summary>
    public IReadOnlyList<string> Qualifier { get; init; } = [];

    /// <summary>Keywords (and multi-word phrases) that may come next.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>The query levels whose tables are in scope, innermost first (CTEs of all of them are visible).</summary>
    public IReadOnlyList<QueryShape> Scopes { get; init; } = [];

    /// <summary>The one table of a <see cref="AssistContextKind.Column"/> context, or the table an index is built on.</summary>
    public TableReference? Table { get; init; }

    /// <summary>The setting whose value is being written.</summary>
    public string? Setting { get; init; }

    /// <summary>The access method of the index being written (hnsw, ivfflat, gist …), when given.</summary>
    public string? IndexMethod { get; init; }

    /// <summary>The indexed column an operator class is being chosen for.</summary>
    public string? IndexedColumn { get; init; }

    public Operand? Operand { get; init; }

    /// <summary>The clause of an expression context: "SELECT", "WHERE", "ORDER BY", …</summary>
    public string? Clause { get; init; }

    /// <summary>After FROM or JOIN: set-returning functions fit as well as tables.</summary>
    public bool AllowSetReturningFunctions { get; init; }

    /// <summary>The typed text is the start of an operator (ORDER BY v &lt;|), not a word.</summary>
    public bool IsOperatorPrefix { get; init; }

    public StatementSyntax? Syntax { get; init; }
}
