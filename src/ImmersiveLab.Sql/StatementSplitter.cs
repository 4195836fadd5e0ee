using System.Text;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Splits a cell into statements the way psql does: semicolons end statements except inside quotes
/// ('…', E'…' with backslash escapes, "…" identifiers), dollar quotes ($$…$$, $tag$…$tag$), comments
/// (-- to end of line, nested /* */), parentheses, and SQL-standard function bodies (BEGIN ATOMIC … END).
/// Statements that are only comments or whitespace are dropped.
/// </summary>
public static class StatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string cell)
    {
        var result = new List<SqlStatement>();
        var scanner = new SqlScanner(cell);
        int? start = null;            // offset of the first significant character of the current statement
        var words = new List<string>(); // leading words of the current statement
        var parenDepth = 0;
        var beginDepth = 0;           // BEGIN … END nesting inside CREATE FUNCTION/PROCEDURE bodies
        var end = 0;                  // end (exclusive) of the last significant token

        while (scanner.Next() is { } token)
        {
            if (token.Kind is SqlTokenKind.Comment) continue;
            if (token.Kind is SqlTokenKind.Semicolon && parenDepth <= 0 && beginDepth <= 0)
            {
                if (start is { } s) result.Add(Make(cell, s, end, words));
                start = null;
                words = [];
                parenDepth = beginDepth = 0;
                continue;
            }
            start ??= token.Start;
            end = token.End;
            switch (token.Kind)
            {
                case SqlTokenKind.OpenParen: parenDepth++; break;
                case SqlTokenKind.CloseParen: parenDepth--; break;
                case SqlTokenKind.Word:
                    var word = cell.Substring(token.Start, token.End - token.Start).ToUpperInvariant();
                    if (words.Count < 8) words.Add(word);
                    if (IsRoutineDefinition(words))
                    {
                        if (word is "BEGIN") beginDepth++;
                        else if (word is "CASE" && beginDepth > 0) beginDepth++;
                        else if (word is "END" && beginDepth > 0) beginDepth--;
                    }
                    break;
            }
        }
        if (start is { } last) result.Add(Make(cell, last, end, words));
        return result;
    }

    /// <summary>True when the text holds no statement (only whitespace, comments and semicolons).</summary>
    public static bool IsEmpty(string cell) => Split(cell).Count == 0;

    private static bool IsRoutineDefinition(List<string> words)
    {
        if (words.Count < 2 || words[0] != "CREATE") return false;
        var i = 1;
        if (words[i] == "OR" && words.Count > 3) i = 3; // OR REPLACE
        return i < words.Count && words[i] is "FUNCTION" or "PROCEDURE";
    }

    private static SqlStatement Make(string cell, int start, int end, List<string> words)
    {
        var (line, column) = TextPosition.LineAndColumn(cell, start);
        return new SqlStatement(cell[start..end], start, line, column) { LeadingWords = words.ToArray() };
    }
}
