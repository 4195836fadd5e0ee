using System.Text;
using ImmersiveLab.Sql;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>One item of a SELECT list: its expression text and the output name PostgreSQL gives it.</summary>
/// <param name="Code">The expression with string literals blanked out, to look for operators without matching text inside quotes.</param>
public sealed record SelectListItem(string Expression, string? OutputName, bool IsStar, string Code = "");

/// <summary>
/// Reads the top-level SELECT list of a statement, enough to tell which output column was computed with which
/// expression. Comments, string literals, quoted identifiers and dollar quotes are <see cref="SqlLexer"/>'s tokens,
/// and parenthesised sub-queries are skipped (so a CTE's or a sub-select's list is not mistaken for the outer one).
/// Best effort: returns null when the statement has no top-level SELECT list it can read.
/// </summary>
public static class SelectListReader
{
    private static readonly HashSet<string> ListEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "OFFSET", "FETCH", "FOR", "UNION", "INTERSECT", "EXCEPT", "INTO",
    };

    public static IReadOnlyList<SelectListItem>? Read(string sql)
    {
        var tokens = SqlLexer.Significant(sql).Select(t => new Token(sql, t)).ToList();
        var depth = 0;
        var start = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Is(SqlTokenKind.OpenParen)) depth++;
            else if (t.Is(SqlTokenKind.CloseParen)) depth--;
            else if (depth == 0 && t.IsKeyword("SELECT"))
            {
                start = i + 1;
                break;
            }
        }
        if (start < 0) return null;

        // DISTINCT [ON (...)] / ALL
        if (start < tokens.Count && tokens[start].IsKeyword("ALL")) start++;
        if (start < tokens.Count && tokens[start].IsKeyword("DISTINCT"))
        {
            start++;
            if (start < tokens.Count && tokens[start].IsKeyword("ON"))
            {
                start++;
                for (var d = 0; start < tokens.Count; start++)
                {
                    if (tokens[start].Is(SqlTokenKind.OpenParen)) d++;
                    else if (tokens[start].Is(SqlTokenKind.CloseParen) && --d == 0)
                    {
                        start++;
                        break;
                    }
                }
            }
        }

        var items = new List<SelectListItem>();
        var current = new List<Token>();
        depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Is(SqlTokenKind.OpenParen)) depth++;
            else if (t.Is(SqlTokenKind.CloseParen))
            {
                if (depth == 0) break;
                depth--;
            }
            if (depth == 0 && (t.Is(SqlTokenKind.Semicolon) || (t.Is(SqlTokenKind.Word) && ListEnd.Contains(t.Text)))) break;
            if (depth == 0 && t.Is(SqlTokenKind.Comma))
            {
                Add(items, current);
                current = [];
                continue;
            }
            current.Add(t);
        }
        Add(items, current);
        return items.Count == 0 ? null : items;
    }

    private static void Add(List<SelectListItem> items, List<Token> tokens)
    {
        if (tokens.Count == 0) return;
        var expression = Join(tokens);
        var last = tokens[^1];
        if (last.Text == "*")
        {
            items.Add(new SelectListItem(expression, null, IsStar: true, Code(tokens)));
            return;
        }

        string? name = null;
        var exprTokens = tokens;
        if (tokens.Count >= 3 && tokens[^2].IsKeyword("AS") && last.IsName)
        {
            name = last.Name;
            exprTokens = tokens[..^2];
        }
        else if (tokens.Count >= 2 && last.IsName && (tokens[^2].IsName || tokens[^2].Is(SqlTokenKind.CloseParen) || tokens[^2].Is(SqlTokenKind.CloseBracket) || tokens[^2].IsLiteral))
        {
            name = last.Name;
            exprTokens = tokens[..^1];
        }
        name ??= DefaultName(exprTokens);
        items.Add(new SelectListItem(Join(exprTokens), name, IsStar: false, Code(exprTokens)));
    }

    // "a.b" → b, "f(x)" → f, "x::type" → x's name, "CASE … END" → case, anything else → ?column?
    private static string DefaultName(List<Token> tokens)
    {
        var cast = tokens.FindIndex(t => t.Is(SqlTokenKind.Cast));
        if (cast > 0)
        {
            var inner = DefaultName(tokens[..cast]);
            return inner == "?column?" ? (tokens[^1].IsName ? tokens[^1].Name! : inner) : inner;
        }
        if (tokens.Count >= 1 && tokens[0].IsKeyword("CASE")) return "case";
        if (tokens.Count >= 2 && tokens[0].IsName && tokens[1].Is(SqlTokenKind.OpenParen)) return tokens[0].Name!;
        var allPath = tokens.Count % 2 == 1 && tokens.Select((t, i) => i % 2 == 0 ? t.IsName : t.Is(SqlTokenKind.Dot)).All(x => x);
        return allPath ? tokens[^1].Name! : "?column?";
    }

    private static string Code(List<Token> tokens) =>
        string.Join(' ', tokens.Select(t => t.Is(SqlTokenKind.String) ? "''" : t.Text));

    private static string Join(List<Token> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(t.Text);
        }
        return sb.ToString();
    }

    private sealed class Token(string sql, SqlToken token)
    {
        private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        {
            "AS", "FROM", "SELECT", "AND", "OR", "NOT", "IS", "NULL", "TRUE", "FALSE", "CASE", "WHEN", "THEN", "ELSE", "DISTINCT", "ON",
        };

        public string Text { get; } = token.TextIn(sql);

        public bool Is(SqlTokenKind kind) => token.Kind == kind;

        public bool IsKeyword(string keyword) => token.Kind == SqlTokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

        public bool IsLiteral => token.Kind is SqlTokenKind.String or SqlTokenKind.Number;

        /// <summary>A word or quoted identifier that can name a column (not a reserved word).</summary>
        public bool IsName => token.IsIdentifier && !(token.Kind == SqlTokenKind.Word && Reserved.Contains(Text));

        public string? Name => token.IsIdentifier ? SqlLexer.IdentifierValue(sql, token) : null;
    }
}
