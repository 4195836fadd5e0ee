namespace ImmersiveLab.Sql;

/// <summary>
/// Splits a cell into statements where PostgreSQL (and psql) do: at semicolons outside parentheses and outside the
/// BEGIN … END body of a SQL-standard CREATE FUNCTION or PROCEDURE, with <see cref="SqlLexer"/> deciding what is a
/// quote, a comment or a semicolon. Statements that are only comments or whitespace are dropped.
/// </summary>
public static class StatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string cell, bool standardConformingStrings = true)
    {
        var result = new List<SqlStatement>();
        int? start = null;              // offset of the first significant character of the current statement
        var words = new List<string>(); // leading words of the current statement
        var parenDepth = 0;
        var beginDepth = 0;             // BEGIN … END nesting inside CREATE FUNCTION/PROCEDURE bodies
        var end = 0;                    // end (exclusive) of the last significant token

        foreach (var token in SqlLexer.Scan(cell, standardConformingStrings))
        {
            if (token.IsTrivia) continue;
            if (token.Kind is SqlTokenKind.Semicolon && parenDepth == 0 && beginDepth == 0)
            {
                if (start is { } s) result.Add(Make(cell, s, end, words));
                start = null;
                words = [];
                continue;
            }
            start ??= token.Start;
            end = token.End;
            switch (token.Kind)
            {
                case SqlTokenKind.OpenParen:
                    parenDepth++;
                    break;
                case SqlTokenKind.CloseParen:
                    // psql never lets the depth go below zero: a stray ")" does not protect a later ";".
                    if (parenDepth > 0) parenDepth--;
                    break;
                case SqlTokenKind.Word:
                    var word = cell.Substring(token.Start, token.Length).ToUpperInvariant();
                    if (words.Count < 8) words.Add(word);
                    // As psql does: BEGIN, CASE and END count only outside parentheses.
                    if (parenDepth == 0 && IsRoutineDefinition(words))
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
        if (words[i] == "OR" && words.Count > 3 && words[2] == "REPLACE") i = 3;
        return i < words.Count && words[i] is "FUNCTION" or "PROCEDURE";
    }

    private static SqlStatement Make(string cell, int start, int end, List<string> words)
    {
        var (line, column) = TextPosition.LineAndColumn(cell, start);
        return new SqlStatement(cell[start..end], start, line, column) { LeadingWords = words.ToArray() };
    }
}
