using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook.Tests.Messages;

public class CheckSaysTests
{
    private static StatementResult Row(params (string Name, object? Value)[] columns) => new()
    {
        Index = 0, Sql = "SELECT", StartLine = 1,
        Columns = columns.Select(c => new ResultColumn(c.Name, "text", 25)).ToList(),
        Rows = [columns.Select(c => c.Value).ToArray()],
    };

    [Fact]
    public void Names_become_the_rows_values_in_postgres_text_form()
    {
        var row = Row(("ok", false), ("rows", 3L), ("kind", "ivfflat"), ("seen", null));

        Assert.Equal("5 rows expected, your table has 3; the index is ivfflat; last NULL.",
            CheckSays.Fill("5 rows expected, your table has {rows}; the index is {KIND}; last {seen}.", row));
    }

    [Fact]
    public void Unknown_names_stay_as_written_and_double_braces_are_literal()
    {
        Assert.Equal("{nope} and {x}", CheckSays.Fill("{nope} and {{x}}", Row(("ok", false))));
    }
}
