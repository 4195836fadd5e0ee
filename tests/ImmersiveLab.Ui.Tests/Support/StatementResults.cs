using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Ui.Tests.Support;

/// <summary>Builds statement results as the runner would return them.</summary>
public static class StatementResults
{
    public static ResultColumn Col(string name, string type) => new(name, type, 0);

    public static StatementResult Of(string sql, ResultColumn[] columns, params object?[][] rows) => new()
    {
        Index = 0,
        Sql = sql,
        StartLine = 1,
        Columns = columns,
        Rows = rows,
        TotalRows = rows.Length,
        CommandTag = $"SELECT {rows.Length}",
        Elapsed = TimeSpan.FromMilliseconds(3.4),
    };
}
