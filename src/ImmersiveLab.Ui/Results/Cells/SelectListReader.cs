using System.Text;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>One item of a SELECT list: its expression text and the output name PostgreSQL gives it.</summary>
/// <param name="Code">The expression with string literals blanked out, to look for operators without matching text inside quotes.</param>
public sealed record SelectItem(string Expression, string? OutputName, bool IsStar, string Code = "");

/// <summary>
/// Reads the top-level SELECT list of a statement, enough to tell which output column was computed with which
/// expression. Skips comments, string literals, quoted identifiers, dollar quotes and parenthesised sub-queries
/// (so a CTE's or a sub-select's list is not mistaken for the outer one). Best effort: returns null when the
/// statement has no top-level SELECT list it can read.
/// </summary>
public static class SelectListReader
{
    private static readonly HashSet<string> ListEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "OFFSET", "FETCH", "FOR", "UNION", "INTERSECT", "EXCEPT", "INTO",
    };

    public static IReadOnlyList<SelectItem>? Read(string sql)
    {
        var tokens = Tokenize(sql);
        var depth = 0;
        var start = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Text == "(") depth++;
            else if (t.Text == ")") depth--;
            else if (depth == 0 && t.IsWord && t.Text.Equals("SELECT", StringComparison.OrdinalIgnoreCase)) { start = i + 1; break; }
        }
        if (start < 0) return null;

        // DISTINCT [ON (...)] / ALL
        if (start < tokens.Count && tokens[start].IsWord && tokens[start].Text.Equals("ALL", StringComparison.OrdinalIgnoreCase)) start++;
        if (start < tokens.Count && tokens[start].IsWord && tokens[start].Text.Equals("DISTINCT", StringComparison.OrdinalIgnoreCase))
        {
            start++;
            if (start < tokens.Count && tokens[start].IsWord && tokens[start].Text.Equals("ON", StringComparison.OrdinalIgnoreCase))
            {
                start++;
                var d = 0;
                for (; start < tokens.Count; start++)
                {
                    if (tokens[start].Text == "(") d++;
                    else if (tokens[start].Text == ")" && --d == 0) { start++; break; }
                }
            }
        }

        var items = new List<SelectItem>();
        var current = new List<Token>();
        depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Text == "(") depth++;
            else if (t.Text == ")") { if (depth == 0) break; depth--; }
            if (depth == 0 && (t.Text == ";" || (t.IsWord && ListEnd.Contains(t.Text)))) break;
            if (depth == 0 && t.Text == ",") { Add(items, current); current = []; continue; }
            current.Add(t);
        }
        Add(items, current);
        return items.Count == 0 ? null : items;
    }

    private static void Add(List<SelectItem> items, List<Token> tokens)
    {
        if (tokens.Count == 0) return;
        var expression = Join(tokens);
        var last = tokens[^1];
        if (last.Text == "*") { items.Add(new SelectItem(expression, null, IsStar: true, Code(tokens))); return; }

        string? name = null;
        var exprTokens = tokens;
        if (tokens.Count >= 3 && tokens[^2].IsWord && tokens[^2].Text.Equals("AS", StringComparison.OrdinalIgnoreCase) && last.IsIdentifier)
        {
            name = last.Identifier;
            exprTokens = tokens[..^2];
        }
        else if (tokens.Count >= 2 && last.IsIdentifier && (tokens[^2].IsIdentifier || tokens[^2].Text is ")" or "]" || tokens[^2].IsLiteral))
        {
            name = last.Identifier;
            exprTokens = tokens[..^1];
        }
        name ??= DefaultName(exprTokens);
        items.Add(new SelectItem(Join(exprTokens), name, IsStar: false, Code(exprTokens)));
    }

    // "a.b" → b, "f(x)" → f, "x::type" → x's name, "CASE … END" → case, anything else → ?column?
    private static string DefaultName(List<Token> tokens)
    {
        var cast = tokens.FindIndex(t => t.Text == "::");
        if (cast > 0)
        {
            var inner = DefaultName(tokens[..cast]);
            return inner == "?column?" ? (tokens[^1].IsIdentifier ? tokens[^1].Identifier! : inner) : inner;
        }
        if (tokens.Count >= 1 && tokens[0].IsWord && tokens[0].Text.Equals("CASE", StringComparison.OrdinalIgnoreCase)) return "case";
        if (tokens.Count >= 2 && tokens[0].IsIdentifier && tokens[1].Text == "(") return tokens[0].Identifier!;
        var allPath = tokens.Count % 2 == 1 && tokens.Select((t, i) => i % 2 == 0 ? t.IsIdentifier : t.Text == ".").All(x => x);
        return allPath ? tokens[^1].Identifier! : "?column?";
    }

    private static string Code(List<Token> tokens) =>
        string.Join(' ', tokens.Select(t => t.IsLiteral && !char.IsDigit(t.Text[0]) && t.Text[0] != '.' ? "''" : t.Text));

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

    private sealed record Token(string Text, bool IsWord, bool IsQuoted, bool IsLiteral)
    {
        public bool IsIdentifier => (IsWord || IsQuoted) && !(IsWord && Reserved.Contains(Text));
        public string? Identifier => IsQuoted ? Text[1..^1].Replace("\"\"", "\"") : IsWord ? Text.ToLowerInvariant() : null;
        private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        {
            "AS", "FROM", "SELECT", "AND", "OR", "NOT", "IS", "NULL", "TRUE", "FALSE", "CASE", "WHEN", "THEN", "ELSE", "DISTINCT", "ON",
        };
    }

    private static List<Token> Tokenize(string sql)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && At(sql, i + 1) == '-') { while (i < sql.Length && sql[i] != '\n') i++; continue; }
            if (c == '/' && At(sql, i + 1) == '*')
            {
                var nest = 0;
                do
                {
                    if (sql[i] == '/' && At(sql, i + 1) == '*') { nest++; i += 2; }
                    else if (sql[i] == '*' && At(sql, i + 1) == '/') { nest--; i += 2; }
                    else i++;
                } while (i < sql.Length && nest > 0);
                continue;
            }
            var start = i;
            if (c == '\'' || ((c is 'E' or 'e' or 'B' or 'b' or 'X' or 'x' or 'U' or 'u' or 'N' or 'n') && At(sql, i + 1) == '\''))
            {
                if (c != '\'') i++;
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == '\\' && c is 'E' or 'e') { i += 2; continue; }
                    if (sql[i] == '\'') { if (At(sql, i + 1) == '\'') { i += 2; continue; } i++; break; }
                    i++;
                }
                tokens.Add(new Token(sql[start..Math.Min(i, sql.Length)], false, false, true));
                continue;
            }
            if (c == '"')
            {
                i++;
                while (i < sql.Length) { if (sql[i] == '"') { if (At(sql, i + 1) == '"') { i += 2; continue; } i++; break; } i++; }
                tokens.Add(new Token(sql[start..Math.Min(i, sql.Length)], false, true, false));
                continue;
            }
            if (c == '$')
            {
                var tagEnd = i + 1;
                while (tagEnd < sql.Length && (char.IsLetterOrDigit(sql[tagEnd]) || sql[tagEnd] == '_')) tagEnd++;
                if (tagEnd < sql.Length && sql[tagEnd] == '$' && !char.IsDigit(At(sql, i + 1)))
                {
                    var tag = sql[i..(tagEnd + 1)];
                    var close = sql.IndexOf(tag, tagEnd + 1, StringComparison.Ordinal);
                    i = close < 0 ? sql.Length : close + tag.Length;
                    tokens.Add(new Token(sql[start..i], false, false, true));
                    continue;
                }
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$')) i++;
                tokens.Add(new Token(sql[start..i], true, false, false));
                continue;
            }
            if (char.IsDigit(c) || (c == '.' && char.IsDigit(At(sql, i + 1))))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.')) i++;
                tokens.Add(new Token(sql[start..i], false, false, true));
                continue;
            }
            if (c is '(' or ')' or ',' or ';' or '[' or ']')
            {
                tokens.Add(new Token(c.ToString(), false, false, false));
                i++;
                continue;
            }
            if (c == ':' && At(sql, i + 1) == ':') { tokens.Add(new Token("::", false, false, false)); i += 2; continue; }
            if (c == '.' ) { tokens.Add(new Token(".", false, false, false)); i++; continue; }
            // Operator: a run of operator characters (<->, <#>, <=>, <+>, ||, ...).
            while (i < sql.Length && "+-*/<>=~!@#%^&|`?".Contains(sql[i])) i++;
            if (i == start) i++;
            tokens.Add(new Token(sql[start..i], false, false, false));
        }
        return tokens;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';
}
