using ImmersiveLab.Sql;

namespace ImmersiveLab.Workbook;

/// <summary>SQL as the server sees it: without comments and layout, so that two languages whose cells differ only in
/// translated comments count as the same SQL (the verifier then runs only one of them).</summary>
internal static class SqlText
{
    public static string Normalized(string sql) =>
        string.Join(' ', SqlLexer.Significant(sql).Select(token => sql[token.Start..token.End]));
}
