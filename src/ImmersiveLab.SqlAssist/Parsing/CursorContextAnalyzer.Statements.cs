using ImmersiveLab.Sql;

namespace ImmersiveLab.SqlAssist.Parsing;

// Statements that are not queries: SET/RESET/SHOW, CREATE INDEX, CREATE TABLE, ALTER TABLE, and those that name an object.
public sealed partial class CursorContextAnalyzer
{
    /// <summary>SET [SESSION | LOCAL] name { = | TO } value; RESET name; SHOW name.</summary>
    private CursorContext SettingContext(string verb, SyntaxGroup group, List<int> before, int cursor)
    {
        if (!group.IsStatement) return Make(AssistContextKind.None);
        var words = before.Skip(1).ToList();
        if (verb == "SET" && words.Count > 0 && _s.Keyword(words[0]) is "SESSION" or "LOCAL") words.RemoveAt(0);
        if (words.Count == 0)
            return Make(AssistContextKind.SettingName) with
            {
                Keywords = verb switch { "SET" => ["LOCAL", "SESSION", "ROLE", "TIME ZONE"], _ => ["ALL"] },
            };
        if (verb != "SET") return Make(AssistContextKind.None);
        var assign = words.FindIndex(i => _s.IsKeyword(i, "TO") || (_s.IsKind(i, SqlTokenKind.Operator) && _s.TextOf(i) == "="));
        if (assign < 0) return Keywords("=", "TO");
        var name = string.Concat(words.Take(assign).Select(i => _s.IsIdentifier(i) ? _s.Identifier(i) : _s.TextOf(i)));
        var valueSoFar = words.Skip(assign + 1).ToList();
        return valueSoFar.Count == 0 || _s.IsKind(valueSoFar[^1], SqlTokenKind.Comma)
            ? Make(AssistContextKind.SettingValue) with { Setting = name, Keywords = ["DEFAULT"] }
            : Make(AssistContextKind.None);
    }

    /// <summary>
    /// CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING method] (column [opclass], …)
    /// [INCLUDE (…)] [WITH (option = value, …)] [WHERE …].
    /// </summary>
    private CursorContext CreateIndexContext(SyntaxGroup group, List<int> before, int cursor)
    {
        var root = _s.Root.Level;
        var on = root.FindIndex(i => _s.IsKeyword(i, "ON"));
        TableReference? table = null;
        if (on >= 0)
        {
            var p = on + 1;
            if (p < root.Count && _s.IsKeyword(root[p], "ONLY")) p++;
            var names = new List<string>();
            while (p < root.Count && _s.IsIdentifier(root[p]) && !_s.IsKeyword(root[p], "USING"))
            {
                names.Add(_s.Identifier(root[p]));
                if (p + 1 < root.Count && _s.IsKind(root[p + 1], SqlTokenKind.Dot)) p += 2;
                else break;
            }
            if (names.Count > 0) table = new TableReference(names.Count > 1 ? names[^2] : null, names[^1], null, TableSourceKind.Relation);
        }
        var usingAt = root.FindIndex(i => _s.IsKeyword(i, "USING"));
        var method = usingAt >= 0 && usingAt + 1 < root.Count && _s.IsIdentifier(root[usingAt + 1]) && root[usingAt + 1] < cursor
            ? _s.Identifier(root[usingAt + 1])
            : null;
        CursorContext WithTable(CursorContext c) => c with { Table = table, IndexMethod = method };

        if (group.IsStatement)
        {
            var prev = before[^1];
            var prevWord = _s.Keyword(prev);
            if (prevWord is "ON" or "ONLY" && on >= 0 && root[on] <= prev) return Make(AssistContextKind.Relation);
            if (prevWord == "USING") return Make(AssistContextKind.IndexMethod);
            var where = root.FindIndex(i => _s.IsKeyword(i, "WHERE"));
            if (where >= 0 && root[where] < cursor)
                return WithTable(ExpressionOrAfter(group, before, cursor, "WHERE", [], after: ["AND", "OR"]));
            if (on < 0 || root[on] >= cursor)
                return prevWord is "INDEX" or "CONCURRENTLY" ? Keywords("ON", "CONCURRENTLY", "IF NOT EXISTS") : Keywords("ON");
            if (_s.Group(prev) is not null) return Keywords("WITH", "WHERE", "INCLUDE");
            return Keywords("USING hnsw", "USING ivfflat", "USING gist", "USING");
        }

        var opener = group.Open - 1;
        var inner = before;
        var prevInner = inner.Count > 0 ? inner[^1] : -1;
        var atItemStart = prevInner < 0 || _s.IsKind(prevInner, SqlTokenKind.Comma);
        if (group.Parent!.IsStatement && _s.IsKeyword(opener, "WITH"))
            return atItemStart ? WithTable(Make(AssistContextKind.IndexOption)) : Make(AssistContextKind.None);
        if (group.Parent.IsStatement && _s.IsKeyword(opener, "INCLUDE"))
            return atItemStart ? WithTable(Make(AssistContextKind.Column)) : Make(AssistContextKind.None);
        if (group.Parent.IsStatement)
        {
            // The indexed columns (or expressions in parentheses), each optionally followed by an operator class.
            if (atItemStart) return WithTable(Make(AssistContextKind.Column));
            var itemStart = inner.FindLastIndex(i => _s.IsKind(i, SqlTokenKind.Comma)) + 1;
            var item = inner.Skip(itemStart).ToList();
            if (item.Count == 1)
                return WithTable(Make(AssistContextKind.OperatorClass) with { IndexedColumn = _s.IsIdentifier(item[0]) ? _s.Identifier(item[0]) : null });
            return Keywords("ASC", "DESC", "NULLS FIRST", "NULLS LAST");
        }
        // An expression inside an indexed expression: the table's columns and functions.
        return WithTable(ExpressionOrAfter(group, before, cursor, "(", [], after: []));
    }

    /// <summary>CREATE [TEMP] TABLE [IF NOT EXISTS] name (column type [constraints], …, table constraints).</summary>
    private CursorContext CreateTableContext(SyntaxGroup group, List<int> before, int cursor)
    {
        if (group.IsStatement) return Make(AssistContextKind.None); // naming the new table
        if (!group.Parent!.IsStatement)
        {
            // vector(|), CHECK (…), DEFAULT (…), REFERENCES t (|)
            var opener = group.Open - 1;
            if (_s.IsIdentifier(opener) && _s.IsKeyword(opener - 1, "REFERENCES"))
                return Make(AssistContextKind.Column) with { Table = new TableReference(null, _s.Identifier(opener), null, TableSourceKind.Relation) };
            if (_s.IsKeyword(opener, "CHECK") || _s.IsKeyword(opener, "DEFAULT")) return ExpressionOrAfter(group, before, cursor, "CHECK", [], after: []);
            return Make(AssistContextKind.None);
        }
        var itemStart = before.FindLastIndex(i => _s.IsKind(i, SqlTokenKind.Comma)) + 1;
        var item = before.Skip(itemStart).ToList();
        if (item.Count == 0) return Keywords("CONSTRAINT", "PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY", "LIKE");
        var first = _s.Keyword(item[0]);
        var last = item[^1];
        if (_s.IsKeyword(last, "REFERENCES")) return Make(AssistContextKind.Relation);
        if (first is "CONSTRAINT" or "PRIMARY" or "UNIQUE" or "CHECK" or "FOREIGN" or "EXCLUDE" or "LIKE") return Make(AssistContextKind.None);
        if (item.Count == 1) return Make(AssistContextKind.Type);
        if (_s.IsKeyword(last, "DEFAULT")) return Make(AssistContextKind.Expression) with { Keywords = SqlKeywords.ExpressionWords };
        if (item.Count == 2 && _s.Keyword(last) == "DOUBLE") return Keywords("PRECISION");
        return Keywords("NOT NULL", "NULL", "DEFAULT", "PRIMARY KEY", "UNIQUE", "REFERENCES", "CHECK", "GENERATED ALWAYS AS", "COLLATE");
    }

    /// <summary>ALTER TABLE [IF EXISTS] [ONLY] name ADD COLUMN c type | DROP COLUMN c | ALTER COLUMN c TYPE t | RENAME COLUMN c TO d, ….</summary>
    private CursorContext AlterTableContext(SyntaxGroup group, List<int> before, int cursor)
    {
        if (!group.IsStatement) return Make(AssistContextKind.None);
        var p = 2; // after ALTER TABLE
        var level = before;
        while (p < level.Count && _s.Keyword(level[p]) is "IF" or "EXISTS" or "ONLY") p++;
        if (p >= level.Count) return Make(AssistContextKind.Relation);
        var names = new List<string>();
        while (p < level.Count && _s.IsIdentifier(level[p]))
        {
            names.Add(_s.Identifier(level[p]));
            if (p + 1 < level.Count && _s.IsKind(level[p + 1], SqlTokenKind.Dot)) p += 2;
            else
            {
                p++;
                break;
            }
        }
        var table = new TableReference(names.Count > 1 ? names[^2] : null, names.LastOrDefault() ?? "", null, TableSourceKind.Relation);
        var actionStart = Math.Max(p, level.FindLastIndex(i => _s.IsKind(i, SqlTokenKind.Comma)) + 1);
        var action = level.Skip(actionStart).Select(i => (Index: i, Word: _s.Keyword(i))).ToList();
        if (action.Count == 0)
            return Keywords("ADD COLUMN", "DROP COLUMN", "ALTER COLUMN", "RENAME COLUMN", "RENAME TO", "ADD CONSTRAINT", "SET SCHEMA", "OWNER TO");
        var verb = action[0].Word;
        var rest = action.Skip(1).SkipWhile(a => a.Word is "COLUMN" or "IF" or "NOT" or "EXISTS").ToList();
        var columnWanted = Make(AssistContextKind.Column) with { Table = table };
        switch (verb)
        {
            case "ADD":
                if (action.Count > 1 && action[1].Word is "CONSTRAINT" or "PRIMARY" or "UNIQUE" or "CHECK" or "FOREIGN") return Make(AssistContextKind.None);
                if (rest.Count == 0) return action.Count == 1 ? Keywords("COLUMN", "CONSTRAINT") : Make(AssistContextKind.None);
                return rest.Count == 1 ? Make(AssistContextKind.Type) : Keywords("NOT NULL", "DEFAULT", "PRIMARY KEY", "UNIQUE", "REFERENCES");
            case "DROP":
                if (action.Count > 1 && action[1].Word == "CONSTRAINT") return Make(AssistContextKind.None);
                return rest.Count == 0 ? columnWanted with { Keywords = action.Count == 1 ? ["COLUMN", "CONSTRAINT"] : [] } : Keywords("CASCADE", "RESTRICT");
            case "ALTER":
                if (rest.Count == 0) return columnWanted with { Keywords = action.Count == 1 ? ["COLUMN"] : [] };
                var last = rest[^1].Word;
                if (last is "TYPE") return Make(AssistContextKind.Type);
                if (rest.Count == 1) return Keywords("TYPE", "SET DEFAULT", "DROP DEFAULT", "SET NOT NULL", "DROP NOT NULL", "SET STORAGE", "SET COMPRESSION");
                return Make(AssistContextKind.None);
            case "RENAME":
                if (action.Count > 1 && action[1].Word is "TO" or "CONSTRAINT") return Make(AssistContextKind.None);
                return rest.Count == 0 ? columnWanted with { Keywords = action.Count == 1 ? ["COLUMN", "TO"] : [] } : rest.Count == 1 ? Keywords("TO") : Make(AssistContextKind.None);
            default:
                return Make(AssistContextKind.None);
        }
    }

    /// <summary>Statements that name tables or indexes: DROP, TRUNCATE, ANALYZE, VACUUM, COMMENT ON, REINDEX, GRANT/REVOKE … ON, COPY, LOCK.</summary>
    private CursorContext ObjectStatementContext(string verb, SyntaxGroup group, List<int> before, int cursor)
    {
        if (!group.IsStatement)
            return verb == "COPY" && _s.IsIdentifier(group.Open - 1)
                ? Make(AssistContextKind.Column) with { Table = new TableReference(null, _s.Identifier(group.Open - 1), null, TableSourceKind.Relation) }
                : Make(AssistContextKind.None);
        var words = before.Select(_s.Keyword).ToList();
        var prev = words[^1];
        var isComma = _s.IsKind(before[^1], SqlTokenKind.Comma);
        var relation = Make(AssistContextKind.Relation);
        var index = Make(AssistContextKind.Index);
        switch (verb)
        {
            case "DROP":
                var kind = words.Count > 1 ? words[1] : null;
                if (words.Count == 1) return Keywords("TABLE", "INDEX", "VIEW", "MATERIALIZED VIEW", "FUNCTION", "EXTENSION", "SCHEMA", "TYPE");
                if (prev is "EXISTS" or "CONCURRENTLY" or "TABLE" or "VIEW" or "INDEX" || isComma)
                {
                    if (kind == "INDEX") return index with { Keywords = prev == "INDEX" ? ["IF EXISTS", "CONCURRENTLY"] : [] };
                    if (kind is "TABLE" or "VIEW" or "MATERIALIZED" or "FOREIGN") return relation with { Keywords = prev is "TABLE" or "VIEW" ? ["IF EXISTS"] : [] };
                }
                return Keywords("CASCADE", "RESTRICT");
            case "TRUNCATE" or "LOCK":
                return prev is "TRUNCATE" or "LOCK" or "TABLE" or "ONLY" || isComma ? relation with { Keywords = prev is "TRUNCATE" or "LOCK" ? ["TABLE"] : [] } : Keywords("RESTART IDENTITY", "CASCADE");
            case "ANALYZE" or "VACUUM" or "CLUSTER":
                return prev is "ANALYZE" or "VACUUM" or "FULL" or "VERBOSE" or "CLUSTER" || isComma || _s.Group(before[^1]) is not null
                    ? relation with { Keywords = verb == "VACUUM" && prev == "VACUUM" ? ["FULL", "ANALYZE", "VERBOSE"] : [] }
                    : Make(AssistContextKind.None);
            case "REINDEX":
                if (prev == "REINDEX") return Keywords("INDEX", "TABLE");
                return prev is "INDEX" ? index : prev is "TABLE" ? relation : Make(AssistContextKind.None);
            case "COMMENT":
                if (prev == "COMMENT") return Keywords("ON");
                if (prev == "ON") return Keywords("TABLE", "COLUMN", "INDEX", "VIEW", "FUNCTION", "SCHEMA");
                return prev switch
                {
                    "TABLE" or "VIEW" or "COLUMN" => relation,
                    "INDEX" => index,
                    _ => Keywords("IS"),
                };
            case "GRANT" or "REVOKE":
                return prev is "ON" or "TABLE" || (isComma && words.Contains("ON")) ? relation : Make(AssistContextKind.None);
            case "COPY":
                return prev == "COPY" ? relation : Keywords("FROM", "TO", "WITH");
            default:
                return Make(AssistContextKind.None);
        }
    }
}
