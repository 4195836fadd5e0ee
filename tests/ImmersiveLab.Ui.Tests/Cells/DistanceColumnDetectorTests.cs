using static ImmersiveLab.Ui.Tests.Support.StatementResults;

namespace ImmersiveLab.Ui.Tests.Cells;

public sealed class DistanceColumnDetectorTests
{
    private static bool[] Detect(string sql, params string[] names) =>
        DistanceColumnDetector.Detect(sql, names.Select(n => Col(n, "double precision")).ToList());

    [Fact]
    public void Columns_computed_with_each_distance_operator_are_found_positionally()
    {
        Assert.Equal([false, true, true, true, true], Detect(
            "SELECT id, embedding <-> '[1,2,3]' AS l2, embedding <#> $1, embedding <=> q.v cos, embedding <+> q.v FROM items, q",
            "id", "l2", "?column?", "cos", "?column?"));
    }

    [Fact]
    public void Operators_inside_string_literals_and_comments_do_not_count()
    {
        Assert.Equal([false, false], Detect("SELECT '<->' AS label, /* a <-> b */ id FROM t", "label", "id"));
    }

    [Fact]
    public void Sub_selects_and_ctes_do_not_confuse_the_outer_list()
    {
        var flags = Detect(
            "WITH q AS (SELECT embedding <-> '[1]' AS x FROM t) SELECT (SELECT count(*) FROM q), id, pattern <-> (SELECT pattern FROM lab.sample_images WHERE id = 1) AS similarity FROM lab.sample_images ORDER BY 3 LIMIT 20",
            "count", "id", "similarity");
        Assert.Equal([false, false, true], flags);
    }

    [Fact]
    public void Star_lines_up_items_before_and_after_it()
    {
        Assert.Equal([false, false, false, true], Detect("SELECT *, a <=> b FROM t", "id", "a", "b", "?column?"));
    }

    [Fact]
    public void Names_like_dist_count_without_sql()
    {
        Assert.Equal([true, true, false], Detect("", "dist", "l2_distance_to_query", "id"));
    }

    [Fact]
    public void Distance_functions_count()
    {
        Assert.Equal([false, true], Detect("SELECT id, cosine_distance(embedding, '[1,2]') FROM t", "id", "cosine_distance"));
    }

    [Fact]
    public void Select_list_reader_names_items_like_postgres()
    {
        var items = SelectListReader.Read("SELECT DISTINCT ON (a) t.a, count(*), b::text, \"Mixed Case\", 1 + 2, c AS \"X\" FROM t")!;
        Assert.Equal(["a", "count", "b", "Mixed Case", "?column?", "X"], items.Select(i => i.OutputName));
    }
}
