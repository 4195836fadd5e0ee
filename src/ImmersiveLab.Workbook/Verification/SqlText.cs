using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook;

/// <summary>SQL as the server sees it: without comments and layout, so that two languages whose cells differ only in
/// translated comments count as the same SQL (the verifier then runs only one of them).</summary>
internal static class SqlText
{
    public static string Normalized(string sql)
    {
        var scanner = new SqlScanner(sql);
        var tokens = new List<string>();
        while (scanner.Next() is { } token)
            if (token.Kind != SqlTokenKind.Comment)
                tokens.Add(sql[token.Start..token.End]);
        return string.Join(' ', tokens);
    }
}
