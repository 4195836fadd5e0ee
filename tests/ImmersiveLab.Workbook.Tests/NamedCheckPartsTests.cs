using System.Globalization;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using static ImmersiveLab.Workbook.Tests.TestLabText;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>A check with <c>says="…"</c> tells the learner what is wrong, with values from their own sandbox.</summary>
[Collection(nameof(WorkbookCollection))]
public sealed class NamedCheckPartsTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task<ExerciseCheckResult> RunAndCheckAsync(LearnerRef learner, ImmersiveLab.Labs.SqlCell cell, string sql)
    {
        var run = await fixture.Get<SqlRunner>().RunAsync(learner, sql, Ct);
        return await fixture.Get<ExerciseChecker>().CheckAsync(learner, cell, run, Ct);
    }

    [Fact]
    public async Task The_first_failing_part_says_what_is_wrong_with_the_learners_numbers()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(
            Fence("check for=ex says=\"Make the table notes first.\"", "SELECT to_regclass('public.notes') IS NOT NULL"),
            Fence("check for=ex says=\"5 rows expected, your table has {n}.\"", "SELECT count(*) = 5, count(*) AS n FROM notes"),
            Fence("check for=ex says=\"The index on notes is {am}, not HNSW.\"",
                "SELECT coalesce(bool_or(am.amname = 'hnsw'), false), coalesce(string_agg(am.amname, ', '), 'missing') AS am\n" +
                "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam\n" +
                "WHERE i.indrelid = to_regclass('public.notes')"));

        var nothing = await RunAndCheckAsync(learner, cell, "SELECT 1;");
        var first = nothing.Checks.First(c => !c.Passed);
        Assert.Equal(1, first.Number);
        Assert.Equal("Make the table notes first.", first.Says);

        var three = await RunAndCheckAsync(learner, cell, "CREATE TABLE notes (id int); INSERT INTO notes VALUES (1), (2), (3);");
        var rows = three.Checks.First(c => !c.Passed);
        Assert.Equal(2, rows.Number);
        Assert.Equal("5 rows expected, your table has 3.", rows.Says);
        Assert.StartsWith("Check 2: 5 rows expected, your table has 3.", three.Message);

        var btree = await RunAndCheckAsync(learner, cell, "INSERT INTO notes VALUES (4), (5); CREATE INDEX ON notes (id);");
        var index = Assert.Single(btree.Checks, c => !c.Passed);
        Assert.Equal("The index on notes is btree, not HNSW.", index.Says);
    }

    [Fact]
    public async Task A_part_that_passes_or_errors_says_nothing_of_its_own()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("check for=ex says=\"{n} rows, 2 expected.\"", "SELECT count(*) = 2, count(*) AS n FROM pairs"));

        var missing = await RunAndCheckAsync(learner, cell, "SELECT 1;");
        var error = Assert.Single(missing.Checks);
        Assert.Null(error.Says); // the relation does not exist: the server's error is the message
        Assert.Contains("pairs", error.Message);

        var solved = await RunAndCheckAsync(learner, cell, "CREATE TABLE pairs AS SELECT g FROM generate_series(1, 2) g;");
        Assert.True(solved.Passed, solved.Message);
        Assert.Null(Assert.Single(solved.Checks).Says);
    }

    [Fact]
    public async Task A_part_without_its_own_message_fails_in_the_learners_language()
    {
        var learner = await fixture.NewLearnerAsync();
        var result = await RunAndCheckAsync(learner, Exercise(Fence("check for=ex", "SELECT false")), "SELECT 1;");

        var part = Assert.Single(result.Checks);
        Assert.Equal("Not yet: the check returned false.", part.Message);
        Assert.Equal("还没有完成：检查的结果是 false。", part.Text!.Render(CultureInfo.GetCultureInfo("zh-CN")));
    }
}
