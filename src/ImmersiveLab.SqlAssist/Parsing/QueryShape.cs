using ImmersiveLab.Sql;

namespace ImmersiveLab.SqlAssist.Parsing;

public sealed record CteDefinition(string Name, IReadOnlyList<string>? Columns, SyntaxGroup Body);

public enum TableSourceKind { Relation, Subquery, Function }

/// <summary>
/// A table a query reads: a relation (or CTE) by name, a subquery or a set-returning function, with the alias it is
/// known by and the column names an alias list gives it.
/// </summary>
public sealed record TableReference(
    string? Schema,
    string Name,
    string? Alias,
    TableSourceKind Kind,
    SyntaxGroup? Query = null,
    IReadOnlyList<string>? ColumnAliases = null)
{
    /// <summary>The name columns are qualified with: the alias, else the table's own name.</summary>
    public string ExposedName => Alias ?? Name;
}

/// <summary>An output column of a select list: its name (when it has one), and what it is when simple (a column, a cast).</summary>
public sealed record SelectItem(string? Name, IReadOnlyList<string>? Reference, bool IsStar, string? CastType);

/// <summary>
/// The parts of one query level (the statement, a subquery, a CTE body) the editor needs: its CTEs, the tables its FROM
/// (or UPDATE/DELETE/INSERT target, USING) brings into scope, and its select list. With set operations
/// (UNION, INTERSECT, EXCEPT) the branch holding the cursor counts, else the first.
/// </summary>
public sealed class QueryShape
{
    private readonly StatementSyntax _s;
    private readonly List<int> _level;

    private QueryShape(StatementSyntax s, SyntaxGroup group)
    {
        _s = s;
        _level = group.Level;
        Group = group;
    }

    public SyntaxGroup Group { get; }
    public List<CteDefinition> Ctes { get; } = [];
    public List<TableReference> Tables { get; } = [];
    public List<SelectItem> SelectItems { get; } = [];
    /// <summary>The table an INSERT, UPDATE or DELETE changes.</summary>
    public TableReference? Target { get; private set; }
    /// <summary>SELECT, INSERT, UPDATE, DELETE, VALUES, or null when the level is no query.</summary>
    public string? Verb { get; private set; }

    public static QueryShape Parse(StatementSyntax s, SyntaxGroup group, int? cursor = null)
    {
        var shape = new QueryShape(s, group);
        shape.Read(cursor);
        return shape;
    }

    private string? Kw(int pos) => pos < _level.Count ? _s.Keyword(_level[pos]) : null;
    private bool IsIdent(int pos) => pos < _level.Count && _s.IsIdentifier(_level[pos]);
    private bool IsKind(int pos, SqlTokenKind kind) => pos < _level.Count && _s.IsKind(_level[pos], kind);
    private SyntaxGroup? GroupAt(int pos) => pos < _level.Count && _s.Group(_level[pos]) is { } g && g.Parent == Group ? g : null;

    private void Read(int? cursor)
    {
        var pos = _level.FindIndex(i => _s.Keyword(i) is "WITH" or "SELECT" or "INSERT" or "UPDATE" or "DELETE" or "VALUES");
        if (pos < 0) return;
        if (Kw(pos) == "WITH") pos = ReadCtes(pos + 1);
        var start = pos;
        // The branch of a set operation that holds the cursor.
        for (var p = pos; p < _level.Count; p++)
        {
            if (Kw(p) is { } k && SqlKeywords.SetOperations.Contains(k))
            {
                var next = Kw(p + 1) is "ALL" or "DISTINCT" ? p + 2 : p + 1;
                if (cursor is { } c && _level[p] < c) start = next;
            }
        }
        ReadBranch(start);
    }

    private int ReadCtes(int pos)
    {
        if (Kw(pos) == "RECURSIVE") pos++;
        while (IsIdent(pos))
        {
            var name = _s.Identifier(_level[pos++]);
            IReadOnlyList<string>? columns = null;
            if (GroupAt(pos) is { } list)
            {
                columns = IdentifiersOf(list);
                pos++;
            }
            if (Kw(pos) != "AS") break;
            pos++;
            if (Kw(pos) == "NOT") pos++;
            if (Kw(pos) == "MATERIALIZED") pos++;
            if (GroupAt(pos) is not { } body) break;
            Ctes.Add(new CteDefinition(name, columns, body));
            pos++;
            if (!IsKind(pos, SqlTokenKind.Comma)) break;
            pos++;
        }
        return pos;
    }

    private void ReadBranch(int pos)
    {
        Verb = Kw(pos);
        switch (Verb)
        {
            case "SELECT":
                ReadSelect(pos);
                break;
            case "INSERT":
                if (Kw(pos + 1) == "INTO")
                {
                    var p = pos + 2;
                    Target = ReadTableReference(ref p, target: true);
                    if (Target is not null) Tables.Add(Target);
                    var select = FindKeyword(p, "SELECT");
                    if (select >= 0) ReadSelect(select);
                }
                break;
            case "UPDATE":
            {
                var p = pos + 1;
                Target = ReadTableReference(ref p, target: true);
                if (Target is not null) Tables.Add(Target);
                var from = FindKeyword(p, "FROM");
                if (from >= 0) ReadFromList(from + 1);
                break;
            }
            case "DELETE":
            {
                var p = Kw(pos + 1) == "FROM" ? pos + 2 : pos + 1;
                Target = ReadTableReference(ref p, target: true);
                if (Target is not null) Tables.Add(Target);
                if (Kw(p) == "USING") ReadFromList(p + 1);
                break;
            }
        }
    }

    private void ReadSelect(int pos)
    {
        var p = pos + 1;
        if (Kw(p) == "ALL") p++;
        else if (Kw(p) == "DISTINCT")
        {
            p++;
            if (Kw(p) == "ON" && GroupAt(p + 1) is not null) p += 2;
        }
        var itemStart = p;
        for (; p < _level.Count; p++)
        {
            var k = Kw(p);
            if (k is "FROM" or "INTO" || (k is not null && SqlKeywords.FromTerminators.Contains(k))) break;
            if (IsKind(p, SqlTokenKind.Comma))
            {
                AddSelectItem(itemStart, p);
                itemStart = p + 1;
            }
        }
        AddSelectItem(itemStart, p);
        var from = Kw(p) == "FROM" ? p : FindKeyword(p, "FROM");
        if (from >= 0) ReadFromList(from + 1);
    }

    private int FindKeyword(int from, string keyword)
    {
        for (var p = from; p < _level.Count; p++)
        {
            var k = Kw(p);
            if (k == keyword) return p;
            if (k is not null && SqlKeywords.SetOperations.Contains(k)) return -1;
        }
        return -1;
    }

    /// <summary>FROM a [AS] x, b JOIN c ON … , LATERAL f(…) AS y (…): every item until the list ends at its level.</summary>
    private void ReadFromList(int pos)
    {
        while (pos < _level.Count)
        {
            var k = Kw(pos);
            if (k is not null && SqlKeywords.FromTerminators.Contains(k)) return;
            if (k is "LATERAL" or "ONLY" || (k is not null && SqlKeywords.JoinWords.Contains(k)))
            {
                pos++;
                continue;
            }
            if (IsKind(pos, SqlTokenKind.Comma))
            {
                pos++;
                continue;
            }
            if (GroupAt(pos) is { } group && !IsQuery(group))
            {
                // A parenthesised join: its tables are in scope here.
                var inner = Parse(_s, group);
                inner.ReadFromList(0);
                Tables.AddRange(inner.Tables);
                pos++;
                SkipToNextItem(ref pos);
                continue;
            }
            var before = pos;
            if (ReadTableReference(ref pos) is { } table) Tables.Add(table);
            if (pos == before) pos++;
            SkipToNextItem(ref pos);
        }
    }

    /// <summary>Past ON conditions, USING (…) and TABLESAMPLE …: up to the next comma, join word or the list's end.</summary>
    private void SkipToNextItem(ref int pos)
    {
        while (pos < _level.Count)
        {
            var k = Kw(pos);
            if (IsKind(pos, SqlTokenKind.Comma)) return;
            if (k is not null && (SqlKeywords.JoinWords.Contains(k) || SqlKeywords.FromTerminators.Contains(k))) return;
            pos++;
        }
    }

    private TableReference? ReadTableReference(ref int pos, bool target = false)
    {
        if (Kw(pos) == "ONLY") pos++;
        if (Kw(pos) == "LATERAL") pos++;
        TableReference? table;
        if (GroupAt(pos) is { } sub)
        {
            pos++;
            table = new TableReference(null, "", null, TableSourceKind.Subquery, sub);
        }
        else if (IsIdent(pos) && !IsReservedWord(pos))
        {
            var names = new List<string> { _s.Identifier(_level[pos++]) };
            while (IsKind(pos, SqlTokenKind.Dot) && IsIdent(pos + 1))
            {
                names.Add(_s.Identifier(_level[pos + 1]));
                pos += 2;
            }
            var schema = names.Count >= 2 ? names[^2] : null;
            if (!target && GroupAt(pos) is not null)
            {
                pos++;
                table = new TableReference(schema, names[^1], null, TableSourceKind.Function);
            }
            else table = new TableReference(schema, names[^1], null, TableSourceKind.Relation);
            if (IsKind(pos, SqlTokenKind.Operator) && _s.TextOf(_level[pos]) == "*") pos++;
        }
        else return null;

        string? alias = null;
        if (Kw(pos) == "AS" && IsIdent(pos + 1))
        {
            alias = _s.Identifier(_level[pos + 1]);
            pos += 2;
        }
        else if (IsIdent(pos) && !IsReservedWord(pos) && Kw(pos) is not ("SET" or "TABLESAMPLE"))
        {
            alias = _s.Identifier(_level[pos]);
            pos++;
        }
        IReadOnlyList<string>? columns = null;
        if (alias is not null && !target && GroupAt(pos) is { } aliasList)
        {
            columns = IdentifiersOf(aliasList);
            pos++;
        }
        return table with { Alias = alias, ColumnAliases = columns };
    }

    private bool IsReservedWord(int pos) => Kw(pos) is { } k && _s.Tokens[_level[pos]].Kind == SqlTokenKind.Word && SqlKeywords.Reserved.Contains(k);

    private bool IsQuery(SyntaxGroup group) =>
        group.Level.Count > 0 && _s.Keyword(group.Level[0]) is "SELECT" or "WITH" or "VALUES" or "TABLE";

    private List<string> IdentifiersOf(SyntaxGroup group) =>
        group.Level.Where(_s.IsIdentifier).Select(_s.Identifier).ToList();

    private void AddSelectItem(int from, int to)
    {
        if (to <= from) return;
        var n = to - from;
        int At(int k) => _level[from + k];

        // expr AS name, or expr name (an alias without AS)
        string? alias = null;
        var exprEnd = to;
        if (n >= 3 && _s.IsKeyword(At(n - 2), "AS") && _s.IsIdentifier(At(n - 1)))
        {
            alias = _s.Identifier(At(n - 1));
            exprEnd = to - 2;
        }
        else if (n >= 2 && _s.IsIdentifier(At(n - 1)) && !IsReservedWord(from + n - 1) && EndsOperand(At(n - 2))
                 && !_s.IsKind(At(n - 2), SqlTokenKind.Dot) && !_s.IsKind(At(n - 2), SqlTokenKind.Cast))
        {
            alias = _s.Identifier(At(n - 1));
            exprEnd = to - 1;
        }
        var (chain, star) = SimpleReference(from, exprEnd);
        if (star)
        {
            SelectItems.Add(new SelectItem(null, chain.Count > 0 ? chain : null, true, null));
            return;
        }
        var reference = chain.Count > 0 ? chain : null;
        // f(…) unnamed: PostgreSQL names the column after the function.
        var name = alias ?? reference?[^1]
            ?? (exprEnd - from == 2 && _s.IsIdentifier(_level[from]) && _s.Group(_level[from + 1]) is not null ? _s.Identifier(_level[from]) : null);
        SelectItems.Add(new SelectItem(name, reference, false, CastOf(from, exprEnd)));
    }

    /// <summary>a, t.a, s.t.a (the names), or *, t.* (star with the qualifier) spanning exactly [from, to).</summary>
    private (List<string> Chain, bool Star) SimpleReference(int from, int to)
    {
        var chain = new List<string>();
        var p = from;
        while (p < to)
        {
            if (_s.IsIdentifier(_level[p]) && !IsReservedWord(p))
            {
                chain.Add(_s.Identifier(_level[p]));
                p++;
                if (p == to) return (chain, false);
                if (!_s.IsKind(_level[p], SqlTokenKind.Dot)) break;
                p++;
                continue;
            }
            if (p == to - 1 && _s.IsKind(_level[p], SqlTokenKind.Operator) && _s.TextOf(_level[p]) == "*") return (chain, true);
            break;
        }
        return ([], false);
    }

    /// <summary>The type an expression is cast to when it ends with ::type (or ::type(n)).</summary>
    private string? CastOf(int from, int to)
    {
        var p = to - 1;
        if (p > from && _s.Group(_level[p]) is not null) p--;
        if (p - 1 >= from && _s.IsIdentifier(_level[p]) && _s.IsKind(_level[p - 1], SqlTokenKind.Cast)) return _s.Identifier(_level[p]);
        return null;
    }

    private bool EndsOperand(int tokenIndex)
    {
        var t = _s.Tokens[tokenIndex];
        return t.Kind switch
        {
            SqlTokenKind.Word => _s.Keyword(tokenIndex) is { } k && (!SqlKeywords.Reserved.Contains(k) || SqlKeywords.OperandKeywords.Contains(k)),
            SqlTokenKind.QuotedIdentifier or SqlTokenKind.String or SqlTokenKind.Number or SqlTokenKind.Parameter or SqlTokenKind.CloseBracket => true,
            SqlTokenKind.OpenParen => true, // a closed group stands here for its whole (…)
            _ => false,
        };
    }
}
