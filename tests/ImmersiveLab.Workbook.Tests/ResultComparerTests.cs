using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook.Tests;

public class ResultComparerTests
{
    private static readonly string[] Columns = ["category", "count"];

    private static QueryResult Result(params string?[][] rows) => new(Columns, rows);

    [Fact]
    public void Sets_ignore_order()
    {
        var comparison = ResultComparer.Compare(Result(["a", "1"], ["b", "2"]), Result(["b", "2"], ["a", "1"]), ResultOrder.Set);

        Assert.True(comparison.IsMatch, comparison.Difference);
    }

    [Fact]
    public void Ordered_results_do_not()
    {
        var comparison = ResultComparer.Compare(Result(["a", "1"], ["b", "2"]), Result(["b", "2"], ["a", "1"]), ResultOrder.Ordered);

        Assert.False(comparison.IsMatch);
        Assert.Contains("row 1: expected (a, 1) but got (b, 2)", comparison.Difference);
        Assert.Contains("ORDER BY", comparison.Difference);
    }

    [Fact]
    public void Ordered_results_that_match_match()
    {
        Assert.True(ResultComparer.Compare(Result(["a", "1"], ["b", null]), Result(["a", "1"], ["b", null]), ResultOrder.Ordered).IsMatch);
    }

    [Fact]
    public void Sets_count_duplicates()
    {
        var comparison = ResultComparer.Compare(Result(["a", "1"], ["a", "1"]), Result(["a", "1"]), ResultOrder.Set);

        Assert.False(comparison.IsMatch);
        Assert.Equal("1 expected row(s) missing: (a, 1)", comparison.Difference);
    }

    [Fact]
    public void Sets_report_missing_and_extra_rows()
    {
        var comparison = ResultComparer.Compare(Result(["a", "1"], ["b", "2"]), Result(["a", "1"], ["c", null]), ResultOrder.Set);

        Assert.False(comparison.IsMatch);
        Assert.Equal("1 expected row(s) missing: (b, 2); 1 unexpected row(s): (c, NULL)", comparison.Difference);
    }

    [Fact]
    public void Null_is_not_the_text_NULL()
    {
        Assert.False(ResultComparer.Compare(Result(["a", null]), Result(["a", "NULL"]), ResultOrder.Set).IsMatch);
    }

    [Fact]
    public void Ordered_reports_missing_and_extra_tail_rows()
    {
        var shorter = ResultComparer.Compare(Result(["a", "1"], ["b", "2"]), Result(["a", "1"]), ResultOrder.Ordered);
        var longer = ResultComparer.Compare(Result(["a", "1"]), Result(["a", "1"], ["b", "2"]), ResultOrder.Ordered);

        Assert.Equal("expected 2 rows but got 1; missing from row 2: (b, 2)", shorter.Difference);
        Assert.Equal("expected 1 rows but got 2; extra from row 2: (b, 2)", longer.Difference);
    }

    [Fact]
    public void Compares_columns_by_position_not_name()
    {
        var aliased = new QueryResult(["cat", "photos"], [["a", "1"]]);

        Assert.True(ResultComparer.Compare(Result(["a", "1"]), aliased, ResultOrder.Set).IsMatch);
        var fewer = ResultComparer.Compare(Result(["a", "1"]), new QueryResult(["category"], [["a"]]), ResultOrder.Set);
        Assert.False(fewer.IsMatch);
        Assert.Contains("expected 2 column(s)", fewer.Difference);
    }

    [Fact]
    public void Shows_at_most_three_rows()
    {
        var comparison = ResultComparer.Compare(Result(), Result(["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"], ["e", "5"]), ResultOrder.Set);

        Assert.EndsWith("(c, 3) and 2 more", comparison.Difference);
    }
}
