using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook.Tests.Messages;

/// <summary>The side-by-side difference pairs the first differing rows and marks the cells that differ.</summary>
public class ResultDiffTests
{
    [Fact]
    public void An_ordered_result_pairs_rows_from_the_first_difference_on()
    {
        var diff = ResultComparer.Compare(
            QueryResult.Of(["id", "v"], ["1", "a"], ["2", "b"], ["3", "c"]),
            QueryResult.Of(["id", "v"], ["1", "a"], ["3", "c"], ["2", "b"]), ResultOrder.Ordered).Diff!;

        Assert.Equal(2, diff.Rows.Count);
        Assert.Equal((2, 2), (diff.Rows[0].ExpectedNumber, diff.Rows[0].ActualNumber));
        Assert.Equal(["2", "b"], diff.Rows[0].Expected!);
        Assert.Equal(["3", "c"], diff.Rows[0].Actual!);
        Assert.Equal([true, true], diff.Rows[0].Differs);
        Assert.Equal(0, diff.More);
    }

    [Fact]
    public void A_shorter_result_leaves_the_learners_side_empty()
    {
        var diff = ResultComparer.Compare(QueryResult.Of(["n"], ["1"], ["2"]), QueryResult.Of(["n"], ["1"]), ResultOrder.Ordered).Diff!;

        var row = Assert.Single(diff.Rows);
        Assert.Equal(2, row.ExpectedNumber);
        Assert.Null(row.Actual);
        Assert.Null(row.ActualNumber);
        Assert.Equal([true], row.Differs);
    }

    [Fact]
    public void A_set_result_puts_missing_rows_beside_unexpected_ones_and_marks_only_differing_cells()
    {
        var diff = ResultComparer.Compare(
            QueryResult.Of(["id", "name"], ["1", "rose"], ["2", "tulip"]),
            QueryResult.Of(["id", "name"], ["2", "tulips"], ["1", "rose"]), ResultOrder.Set).Diff!;

        var row = Assert.Single(diff.Rows);
        Assert.Equal((2, 1), (row.ExpectedNumber, row.ActualNumber));
        Assert.Equal([false, true], row.Differs);
    }

    [Fact]
    public void At_most_a_few_lines_are_shown_and_the_rest_is_counted()
    {
        var rows = Enumerable.Range(1, 12).Select(i => (IReadOnlyList<string?>)[i.ToString()]).ToArray();
        var diff = ResultComparer.Compare(QueryResult.Of(["n"], rows), QueryResult.Of(["n"]), ResultOrder.Set).Diff!;

        Assert.Equal(ResultDiff.MaxRows, diff.Rows.Count);
        Assert.Equal(12 - ResultDiff.MaxRows, diff.More);
        Assert.All(diff.Rows, r => Assert.Null(r.Actual));
    }

    [Fact]
    public void A_match_has_no_difference_and_a_column_count_mismatch_has_no_rows_to_pair()
    {
        Assert.Null(ResultComparer.Compare(QueryResult.Of(["n"], ["1"]), QueryResult.Of(["n"], ["1"]), ResultOrder.Set).Diff);
        var columns = ResultComparer.Compare(QueryResult.Of(["a"], ["1"]), QueryResult.Of(["a", "b"], ["1", "2"]), ResultOrder.Set);
        Assert.False(columns.IsMatch);
        Assert.Null(columns.Diff);
    }
}
