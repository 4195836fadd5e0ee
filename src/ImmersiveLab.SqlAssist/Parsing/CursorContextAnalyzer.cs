using ImmersiveLab.Sql;

namespace ImmersiveLab.SqlAssist.Parsing;

/// <summary>
/// Works out what fits at a position of a cell: the statement around it, the word being typed, the clause and
/// parentheses it is in, and the tables in scope. Tolerant by design: the text is half-written while the learner types.
/// The grammar of queries is here; statements about settings and DDL are in the other parts of this class.
/// </summary>
public sealed partial class CursorContextAnalyzer
{
    private readonly StatementSyntax _s;
    private readonly string _prefix;
    private readonly int _replaceStart;
    private readonly int _replaceEnd;
    private readonly bool _operatorPrefix;

    private CursorContextAnalyzer(StatementSyntax s, string prefix, int replaceStart, int replaceEnd, bool operatorPrefix)
    {
        _s = s;
        _prefix = prefix;
        _replaceStart = replaceStart;
        _replaceEnd = replaceEnd;
        _operatorPrefix = operatorPrefix;
    }

    /// <summary>The context at <paramref name="offset"/> (0-based, in UTF-16 units, between characters) of <paramref name="text"/>.</summary>
    public static CursorContext Analyze(string text, int offset) => Analyze(text, SqlLexer.Tokenize(text), offset);

    public static CursorContext Analyze(string text, IReadOnlyList<SqlToken> tokens, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        foreach (var t in tokens)
        {
            if (t.Start >= offset) break;
            var inside = offset < t.End
                         || (offset == t.End && (t.Unterminated || (t.Kind == SqlTokenKind.Comment && text[t.Start] == '-')));
            if (inside && t.Kind is SqlTokenKind.String or SqlTokenKind.Comment) return CursorContext.Nothing(offset);
        }
        var s = StatementSyntax.At(text, tokens, offset);
        var cursor = s.Tokens.Count;
        string prefix = "";
        int start = offset, end = offset;
        var operatorPrefix = false;
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            var t = s.Tokens[i];
            if (t.End < offset) continue;
            if (t.Start >= offset)
            {
                cursor = i;
                break;
            }
            // The cursor is inside or at the end of token i.
            if (t.IsIdentifier)
            {
                (prefix, start, end, cursor) = (text[t.Start..offset], t.Start, t.End, i);
            }
            else if (t.Kind == SqlTokenKind.Operator && offset == t.End && text[t.Start] == '<' && t.Length <= 3)
            {
                (prefix, start, end, cursor, operatorPrefix) = (text[t.Start..offset], t.Start, t.End, i, true);
            }
            else if (offset < t.End) return CursorContext.Nothing(offset);
            else
            {
                cursor = i + 1;
                continue;
            }
            break;
        }
        var analyzer = new CursorContextAnalyzer(s, prefix, start, end, operatorPrefix);
        return analyzer.At(cursor) with { Syntax = s };
    }

    private CursorContext Make(AssistContextKind kind) =>
        new(kind, _prefix, _replaceStart, _replaceEnd) { IsOperatorPrefix = _operatorPrefix };

    private CursorContext Keywords(params string[] words) => Make(AssistContextKind.Keywords) with { Keywords = words };

    /// <summary>The context just before token <paramref name="cursor"/>.</summary>
    private CursorContext At(int cursor)
    {
        // t.| lab.| lab.sample_images.| : what the qualified name stands for is decided where the name starts.
        if (_s.IsKind(cursor - 1, SqlTokenKind.Dot))
        {
            var names = new List<string>();
            var j = cursor - 2;
            while (_s.IsIdentifier(j))
            {
                names.Insert(0, _s.Identifier(j));
                if (_s.IsKind(j - 1, SqlTokenKind.Dot)) j -= 2;
                else break;
            }
            if (names.Count == 0) return Make(AssistContextKind.None);
            var outer = Unqualified(j);
            return outer.Kind is AssistContextKind.None or AssistContextKind.Keywords or AssistContextKind.StatementStart
                ? Make(AssistContextKind.None)
                : outer with { Qualifier = names, Keywords = [] };
        }
        return Unqualified(cursor);
    }

    private CursorContext Unqualified(int cursor)
    {
        var group = _s.GroupAt(cursor);
        var before = group.Level.Where(i => i < cursor).ToList();
        var prev = before.Count > 0 ? before[^1] : -1;

        if (prev >= 0 && _s.IsKind(prev, SqlTokenKind.Cast)) return Make(AssistContextKind.Type);
        if (_operatorPrefix) return AfterOperand(group, prev, cursor, clause: null);

        if (ExplainPrefixEnd() is { } queryStart && group.IsStatement && before.All(i => i < queryStart))
            return Make(AssistContextKind.StatementStart) with { Keywords = SqlKeywords.StatementStarts };
        if (group.IsStatement && before.Count == 0) return Make(AssistContextKind.StatementStart) with { Keywords = SqlKeywords.StatementStarts };

        var words = StatementWords();
        var verb = words.Count > 0 ? words[0] : "";
        var objectKind = words.Skip(1).SkipWhile(CreateModifiers.Contains).FirstOrDefault();
        return verb switch
        {
            "SET" or "RESET" or "SHOW" => SettingContext(verb, group, before, cursor),
            "CREATE" when objectKind == "INDEX" => CreateIndexContext(group, before, cursor),
            "CREATE" when objectKind == "TABLE" && !HasKeywordAtRoot("AS", cursor) => CreateTableContext(group, before, cursor),
            "ALTER" when objectKind == "TABLE" => AlterTableContext(group, before, cursor),
            "DROP" or "TRUNCATE" or "ANALYZE" or "VACUUM" or "COMMENT" or "REINDEX" or "GRANT" or "REVOKE" or "COPY" or "LOCK" or "CLUSTER"
                => ObjectStatementContext(verb, group, before, cursor),
            _ => QueryContext(group, before, cursor),
        };
    }

    private static readonly HashSet<string> CreateModifiers =
        ["OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "UNIQUE", "GLOBAL", "LOCAL"];

    /// <summary>The statement's first words (after EXPLAIN and its options), upper case, up to the first non-word.</summary>
    private List<string> StatementWords()
    {
        var words = new List<string>();
        var start = ExplainPrefixEnd() ?? 0;
        foreach (var i in _s.Root.Level)
        {
            if (i < start) continue;
            if (_s.Keyword(i) is not { } k || words.Count >= 6) break;
            words.Add(k);
        }
        return words;
    }

    /// <summary>When the statement starts with EXPLAIN: the index of the first token after it and its options.</summary>
    private int? ExplainPrefixEnd()
    {
        var level = _s.Root.Level;
        if (level.Count == 0 || !_s.IsKeyword(level[0], "EXPLAIN")) return null;
        var p = 1;
        while (p < level.Count && (_s.Keyword(level[p]) is "ANALYZE" or "ANALYSE" or "VERBOSE" || _s.Group(level[p]) is not null)) p++;
        return p < level.Count ? level[p] : _s.Tokens.Count;
    }

    private bool HasKeywordAtRoot(string keyword, int cursor) => _s.Root.Level.Any(i => i < cursor && _s.IsKeyword(i, keyword));

    /// <summary>The query levels in scope at the cursor: the innermost query (statement or subquery) and those around it.</summary>
    private List<QueryShape> ScopesAt(SyntaxGroup group, int cursor)
    {
        var scopes = new List<QueryShape>();
        for (var g = group; g is not null; g = g.Parent)
            if (g.IsStatement || IsQueryGroup(g)) scopes.Add(QueryShape.Parse(_s, g, cursor));
        return scopes;
    }

    private bool IsQueryGroup(SyntaxGroup g) =>
        !g.IsStatement && g.Level.Count > 0 && _s.Keyword(g.Level[0]) is "SELECT" or "WITH" or "VALUES" or "TABLE";

    // ---- queries: SELECT, INSERT, UPDATE, DELETE, VALUES, and expressions inside any statement ----

    private CursorContext QueryContext(SyntaxGroup group, List<int> before, int cursor)
    {
        var scopes = ScopesAt(group, cursor);
        if (!group.IsStatement && !IsQueryGroup(group)) return InnerGroupContext(group, before, cursor, scopes);
        var prev = before.Count > 0 ? before[^1] : -1;
        if (prev < 0) return Make(AssistContextKind.Expression) with { Scopes = scopes, Keywords = ["SELECT", "WITH", "VALUES"] };

        var (clause, clauseAt) = ClauseOf(before);
        var prevWord = _s.Keyword(prev);
        var isComma = _s.IsKind(prev, SqlTokenKind.Comma);
        var shape = scopes[0];
        switch (clause)
        {
            case "SELECT":
                return ExpressionOrAfter(group, before, cursor, "SELECT", scopes,
                    after: ["FROM", "AS", "WHERE", "GROUP BY", "ORDER BY", "LIMIT", "UNION", "INTO"],
                    start: prevWord is "SELECT" ? ["DISTINCT", "*"] : []);
            case "FROM" or "JOIN" or "USING" when prevWord is "FROM" or "JOIN" or "LATERAL" or "ONLY" || isComma
                                               || (clause == "USING" && prevWord == "USING" && shape.Verb == "DELETE"):
                return Make(AssistContextKind.Relation) with { Scopes = scopes, AllowSetReturningFunctions = true, Keywords = prevWord is "FROM" or "JOIN" ? ["LATERAL"] : [] };
            case "FROM" or "JOIN" or "USING":
                if (prevWord == "AS") return Make(AssistContextKind.None);
                if (shape.Verb == "DELETE" && clause == "FROM") return Keywords("WHERE", "USING", "RETURNING", "AS");
                return clause == "JOIN" && !before.Skip(before.IndexOf(clauseAt)).Any(i => _s.IsKeyword(i, "ON"))
                    ? Keywords("ON", "USING", "AS")
                    : Keywords("WHERE", "JOIN", "LEFT JOIN", "INNER JOIN", "CROSS JOIN", "GROUP BY", "ORDER BY", "LIMIT", "AS");
            case "ON" or "WHERE" or "HAVING":
                return ExpressionOrAfter(group, before, cursor, clause, scopes,
                    after: ["AND", "OR", "NOT", "IS NULL", "IS NOT NULL", "IN", "BETWEEN", "LIKE", "JOIN", "WHERE", "GROUP BY", "ORDER BY", "LIMIT"]);
            case "GROUP" or "ORDER" when prevWord is "GROUP" or "ORDER":
                return Keywords("BY");
            case "GROUP":
                return ExpressionOrAfter(group, before, cursor, "GROUP BY", scopes, after: ["HAVING", "ORDER BY", "LIMIT"]);
            case "ORDER":
                if (prevWord is "ASC" or "DESC") return Keywords("NULLS FIRST", "NULLS LAST", "LIMIT", "OFFSET");
                return ExpressionOrAfter(group, before, cursor, "ORDER BY", scopes,
                    after: ["ASC", "DESC", "NULLS FIRST", "NULLS LAST", "LIMIT", "OFFSET"]);
            case "LIMIT" or "OFFSET":
                return prevWord is "LIMIT" or "OFFSET" ? Keywords("ALL") : Keywords("OFFSET", "FETCH FIRST");
            case "INTO" when shape.Verb == "INSERT" || prevWord == "INTO":
                return prevWord == "INTO" ? Make(AssistContextKind.Relation) with { Scopes = scopes } : Keywords("VALUES", "SELECT", "DEFAULT VALUES", "AS");
            case "UPDATE":
                return prevWord is "UPDATE" or "ONLY" ? Make(AssistContextKind.Relation) with { Scopes = scopes } : Keywords("SET", "AS");
            case "DELETE":
                return Keywords("FROM");
            case "SET" when shape.Verb == "UPDATE":
                if (prevWord == "SET" || isComma) return Make(AssistContextKind.Column) with { Scopes = scopes, Table = shape.Target };
                return ExpressionOrAfter(group, before, cursor, "SET", scopes, after: ["WHERE", "FROM", "RETURNING"]);
            case "RETURNING" or "VALUES":
                return ExpressionOrAfter(group, before, cursor, clause, scopes, after: []);
            case "WITH":
                return Make(AssistContextKind.None);
            default:
                return ExpressionOrAfter(group, before, cursor, clause, scopes, after: []);
        }
    }

    private static readonly HashSet<string> ClauseWords =
    [
        "SELECT", "FROM", "JOIN", "ON", "USING", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "RETURNING", "SET",
        "VALUES", "INTO", "UPDATE", "DELETE", "WITH", "WINDOW",
    ];

    /// <summary>The last clause keyword at this level before the cursor (LEFT, INNER … count as JOIN).</summary>
    private (string? Clause, int At) ClauseOf(List<int> before)
    {
        for (var k = before.Count - 1; k >= 0; k--)
        {
            var word = _s.Keyword(before[k]);
            if (word is null) continue;
            if (word is "LEFT" or "RIGHT" or "FULL" or "INNER" or "CROSS" or "NATURAL" or "OUTER") return ("JOIN", before[k]);
            if (ClauseWords.Contains(word)) return (word, before[k]);
        }
        return (null, -1);
    }

    /// <summary>Inside parentheses that are not a query: a call's arguments, a list, an INSERT column list, CAST(… AS …).</summary>
    private CursorContext InnerGroupContext(SyntaxGroup group, List<int> before, int cursor, List<QueryShape> scopes)
    {
        var opener = group.Open - 1;
        var prev = before.Count > 0 ? before[^1] : -1;
        var outerShape = scopes.Count > 0 ? scopes[0] : null;

        // INSERT INTO t (a, b, …)
        if (outerShape is { Verb: "INSERT", Target: { } target } && (group.Parent!.IsStatement || IsQueryGroup(group.Parent!))
            && _s.IsIdentifier(opener) && outerShape.Group.Level.TakeWhile(i => i < group.Open).Any(i => _s.IsKeyword(i, "INTO"))
            && !outerShape.Group.Level.TakeWhile(i => i < group.Open).Any(i => _s.Keyword(i) is "VALUES" or "SELECT"))
            return prev < 0 || _s.IsKind(prev, SqlTokenKind.Comma) ? Make(AssistContextKind.Column) with { Scopes = scopes, Table = target } : Make(AssistContextKind.None);

        // JOIN … USING (a, b)
        if (_s.IsKeyword(opener, "USING") && (prev < 0 || _s.IsKind(prev, SqlTokenKind.Comma)))
            return Make(AssistContextKind.Expression) with { Scopes = scopes, Clause = "USING" };

        // CAST(x AS type)
        if (_s.IsKeyword(opener, "CAST") && prev >= 0 && _s.IsKeyword(prev, "AS")) return Make(AssistContextKind.Type);

        var clause = _s.Keyword(opener) switch
        {
            "OVER" => "OVER",
            "IN" or "EXISTS" or "ANY" or "ALL" or "SOME" => "IN",
            _ => _s.IsIdentifier(opener) ? "CALL" : "(",
        };
        string[] start = clause switch
        {
            "OVER" => ["PARTITION BY", "ORDER BY"],
            "IN" => ["SELECT"],
            "(" => ["SELECT"],
            _ => [],
        };
        return ExpressionOrAfter(group, before, cursor, clause, scopes, after: clause == "OVER" ? ["ORDER BY", "ASC", "DESC"] : [], start: start);
    }

    /// <summary>An operand is expected (after SELECT, an operator, a comma …) or one has just ended.</summary>
    private CursorContext ExpressionOrAfter(SyntaxGroup group, List<int> before, int cursor, string? clause, List<QueryShape> scopes,
        string[] after, string[]? start = null)
    {
        var prev = before.Count > 0 ? before[^1] : -1;
        if (prev < 0 || StartsOperand(prev, before))
            return Make(AssistContextKind.Expression) with { Scopes = scopes, Clause = clause, Keywords = [.. start ?? [], .. SqlKeywords.ExpressionWords] };
        if (_s.IsKeyword(prev, "AS")) return Make(AssistContextKind.None);
        return AfterOperand(group, prev, cursor, clause) with { Scopes = scopes, Keywords = after };
    }

    private CursorContext AfterOperand(SyntaxGroup group, int prev, int cursor, string? clause)
    {
        var scopes = ScopesAt(group, cursor);
        return Make(AssistContextKind.AfterExpression) with { Scopes = scopes, Clause = clause, Operand = prev >= 0 ? OperandEndingAt(prev) : null };
    }

    /// <summary>True when what comes after token <paramref name="prev"/> starts an operand rather than following one.</summary>
    private bool StartsOperand(int prev, List<int> before)
    {
        var t = _s.Tokens[prev];
        switch (t.Kind)
        {
            case SqlTokenKind.Comma or SqlTokenKind.OpenBracket:
                return true;
            case SqlTokenKind.OpenParen:
                return false; // a closed group in this level: an operand (…) just ended
            case SqlTokenKind.Operator:
                // SELECT * | and t.* | end an operand; every other operator wants one.
                if (_s.TextOf(prev) == "*")
                {
                    var k = before.IndexOf(prev);
                    var p = k > 0 ? before[k - 1] : -1;
                    return !(p < 0 || _s.IsKind(p, SqlTokenKind.Comma) || _s.IsKind(p, SqlTokenKind.Dot) || _s.IsKeyword(p, "SELECT"));
                }
                return true;
            case SqlTokenKind.Word:
                var word = _s.Keyword(prev)!;
                if (SqlKeywords.OperandKeywords.Contains(word)) return false;
                return SqlKeywords.ExpressionStarters.Contains(word) || SqlKeywords.Reserved.Contains(word);
            default:
                return false;
        }
    }

    /// <summary>a, t.a, s.t.a (a column reference) or …::type / …::type(n) (a cast) ending at token <paramref name="end"/>.</summary>
    private Operand? OperandEndingAt(int end)
    {
        var last = end;
        if (_s.Group(end) is not null && _s.IsIdentifier(end - 1)) last = end - 1; // ::vector(3)
        if (_s.IsIdentifier(last) && _s.IsKind(last - 1, SqlTokenKind.Cast)) return new Operand(null, _s.Identifier(last));
        if (!_s.IsIdentifier(end)) return null;
        var names = new List<string> { _s.Identifier(end) };
        var j = end;
        while (_s.IsKind(j - 1, SqlTokenKind.Dot) && _s.IsIdentifier(j - 2))
        {
            names.Insert(0, _s.Identifier(j - 2));
            j -= 2;
        }
        return new Operand(names, null);
    }
}
