using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using static ImmersiveLab.Workbook.Tests.TestLabText;

namespace ImmersiveLab.Workbook.Tests;

[Collection(nameof(WorkbookCollection))]
public sealed class ExerciseCheckerTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private SqlRunner Runner => fixture.Get<SqlRunner>();
    private ExerciseChecker Checker => fixture.Get<ExerciseChecker>();

    private async Task<ExerciseCheckResult> RunAndCheckAsync(LearnerRef learner, ImmersiveLab.Labs.SqlCell cell, string sql)
    {
        var run = await Runner.RunAsync(learner, sql, Ct);
        return await Checker.CheckAsync(learner, cell, run, Ct);
    }

    [Fact]
    public async Task A_check_passes_when_it_returns_true_and_fails_with_a_reason_otherwise()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("check for=ex", "SELECT count(*) = 3 FROM notes"));

        var missing = await RunAndCheckAsync(learner, cell, "SELECT 1;");
        Assert.Equal(CheckStatus.Failed, missing.Status);
        Assert.Contains("notes", missing.Message); // relation "notes" does not exist

        var two = await RunAndCheckAsync(learner, cell, "CREATE TABLE notes (id int); INSERT INTO notes VALUES (1), (2);");
        Assert.Equal(CheckStatus.Failed, two.Status);
        Assert.Contains("false", two.Message);

        var three = await RunAndCheckAsync(learner, cell, "INSERT INTO notes VALUES (3);");
        Assert.True(three.Passed, three.Message);
        Assert.True(Assert.Single(three.Checks).Passed);
    }

    [Fact]
    public async Task Every_check_must_pass_and_the_failing_one_is_named()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("check for=ex", "SELECT to_regclass('public.a') IS NOT NULL"), Fence("check for=ex", "SELECT to_regclass('public.b') IS NOT NULL"));

        var result = await RunAndCheckAsync(learner, cell, "CREATE TABLE a (x int);");

        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Equal([true, false], result.Checks.Select(c => c.Passed));
        Assert.StartsWith("Check 2:", result.Message);
    }

    [Fact]
    public async Task A_check_that_is_not_one_boolean_row_fails_with_what_it_returned()
    {
        var learner = await fixture.NewLearnerAsync();
        Assert.Contains("2 rows", (await RunAndCheckAsync(learner, Exercise(Fence("check for=ex", "SELECT true FROM generate_series(1, 2)")), "SELECT 1;")).Message);
        Assert.Contains("NULL", (await RunAndCheckAsync(learner, Exercise(Fence("check for=ex", "SELECT NULL::boolean")), "SELECT 1;")).Message);
        Assert.Contains("42", (await RunAndCheckAsync(learner, Exercise(Fence("check for=ex", "SELECT 42")), "SELECT 1;")).Message);
    }

    [Fact]
    public async Task Nothing_is_checked_when_the_learners_cell_failed()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("check for=ex", "SELECT true"));

        var result = await RunAndCheckAsync(learner, cell, "SELECT 1;\nSELEC 2;");

        Assert.Equal(CheckStatus.NotChecked, result.Status);
        Assert.Contains("line 2", result.Message);
    }

    [Fact]
    public async Task Checks_see_the_open_transaction_and_never_abort_or_change_it()
    {
        var learner = await fixture.NewLearnerAsync();
        var counts = Exercise(Fence("check for=ex", "SELECT count(*) = 2 FROM t"));
        var broken = Exercise(Fence("check for=ex", "SELECT count(*) = 2 FROM no_such_table"));
        var writes = Exercise(Fence("check for=ex", "INSERT INTO t VALUES (99); SELECT true"));

        var open = await Runner.RunAsync(learner, "BEGIN; CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2);", Ct);
        Assert.Equal(TransactionStatus.InTransaction, open.Transaction);

        Assert.True((await Checker.CheckAsync(learner, counts, open, Ct)).Passed);
        Assert.False((await Checker.CheckAsync(learner, broken, open, Ct)).Passed);
        Assert.True((await Checker.CheckAsync(learner, writes, open, Ct)).Passed);

        var after = await Runner.RunAsync(learner, "SELECT count(*) FROM t; COMMIT;", Ct);
        Assert.True(after.Succeeded, after.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
        Assert.Equal(2L, after.Statements[0].Rows[0][0]);
        Assert.Equal(TransactionStatus.Idle, after.Transaction);
    }

    [Fact]
    public async Task A_check_that_swallows_the_undo_is_undone_on_its_own_in_and_out_of_a_transaction()
    {
        // An unterminated comment makes the check's run end without the ROLLBACK meant to follow it.
        var learner = await fixture.NewLearnerAsync();
        var sneaky = Exercise(Fence("check for=ex", "INSERT INTO t VALUES (99); SELECT true /* no end"));
        await Runner.RunAsync(learner, "CREATE TABLE t (x int);", Ct);

        var idle = await Runner.RunAsync(learner, "INSERT INTO t VALUES (1);", Ct);
        await Checker.CheckAsync(learner, sneaky, idle, Ct);
        var open = await Runner.RunAsync(learner, "BEGIN; INSERT INTO t VALUES (2);", Ct);
        await Checker.CheckAsync(learner, sneaky, open, Ct);

        var after = await Runner.RunAsync(learner, "SELECT array_agg(x ORDER BY x)::text FROM t; COMMIT;", Ct);
        Assert.True(after.Succeeded, after.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
        Assert.Equal("{1,2}", after.Statements[0].Rows[0][0]);
        Assert.Equal(TransactionStatus.Idle, after.Transaction);
    }

    [Fact]
    public async Task A_check_that_cannot_get_a_slot_in_time_is_not_checked_and_throws_nothing()
    {
        // Every slot held by other learners' long runs, as when a class builds its indexes at once.
        var admission = fixture.Get<ImmersiveLab.Sandbox.Admission.RunAdmission>();
        var others = await Task.WhenAll(Enumerable.Range(0, admission.Capacity).Select(_ => fixture.NewLearnerAsync()));
        await Task.WhenAll(others.Select(o => Runner.RunAsync(o, "SELECT 1", Ct)));
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("check for=ex", "SELECT true"));
        var run = await Runner.RunAsync(learner, "SELECT 1;", Ct);
        var busy = others.Select(o => Runner.RunAsync(o, "SELECT pg_sleep(10)", Ct)).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (admission.Running < admission.Capacity && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(admission.Capacity, admission.Running);

        var checker = new ExerciseChecker(Runner, Microsoft.Extensions.Options.Options.Create(new WorkbookOptions { CheckTimeout = TimeSpan.FromMilliseconds(300) }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ExerciseChecker>.Instance);
        var check = await checker.CheckAsync(learner, cell, run, Ct);

        Assert.Equal(CheckStatus.NotChecked, check.Status);
        Assert.Contains("too busy", check.Message);
        await Task.WhenAll(busy);
        Assert.True((await Checker.CheckAsync(learner, cell, run, Ct)).Passed); // and the session is fine afterwards
    }

    [Fact]
    public async Task A_check_outside_a_transaction_leaves_no_trace()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("check for=ex", "CREATE TABLE made_by_check (x int); SELECT true"));

        Assert.True((await RunAndCheckAsync(learner, cell, "SELECT 1;")).Passed);

        var probe = await Runner.RunAsync(learner, "SELECT to_regclass('public.made_by_check') IS NULL", Ct);
        Assert.Equal(true, probe.Statements[0].Rows[0][0]);
    }

    [Fact]
    public async Task Expect_as_a_set_ignores_row_order_and_column_names_but_not_values()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("expect for=ex", "SELECT x, x * 2 FROM generate_series(1, 3) AS x"));

        Assert.True((await RunAndCheckAsync(learner, cell, "SELECT 3 AS a, 6 AS b UNION ALL SELECT 1, 2 UNION ALL SELECT 2, 4;")).Passed);

        var wrong = await RunAndCheckAsync(learner, cell, "SELECT x, x * 3 FROM generate_series(1, 3) AS x;");
        Assert.Equal(CheckStatus.Failed, wrong.Status);
        Assert.Contains("missing", wrong.Expect!.Message);
    }

    [Fact]
    public async Task Expect_in_order_fails_on_the_right_rows_in_the_wrong_order()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("expect for=ex order=ordered", "SELECT x FROM generate_series(1, 3) AS x ORDER BY x"));

        var unordered = await RunAndCheckAsync(learner, cell, "SELECT x FROM generate_series(1, 3) AS x ORDER BY x DESC;");
        Assert.Equal(CheckStatus.Failed, unordered.Status);
        Assert.Contains("ORDER BY", unordered.Message);

        Assert.True((await RunAndCheckAsync(learner, cell, "SELECT x FROM generate_series(1, 3) AS x ORDER BY x;")).Passed);
    }

    [Fact]
    public async Task Expect_compares_the_learners_last_statement_as_text_on_both_sides()
    {
        var learner = await fixture.NewLearnerAsync();
        var cell = Exercise(Fence("expect for=ex", "SELECT count(*), 0.5::numeric, true, '[1,2.5]'::vector, 'é'::text FROM generate_series(1, 4)"));

        // int vs bigint read the same; the earlier statements do not matter, only the last one.
        Assert.True((await RunAndCheckAsync(learner, cell, "CREATE TABLE scratch (x int);\nSELECT 4::int, 0.5, 1 = 1, '[1, 2.5]'::vector, 'é';")).Passed);
        // numeric text differs: 0.50 is not 0.5.
        Assert.False((await RunAndCheckAsync(learner, cell, "SELECT 4, 0.50, true, '[1,2.5]'::vector, 'é';")).Passed);

        var noRows = await RunAndCheckAsync(learner, cell, "SELECT 4, 0.5, true, '[1,2.5]'::vector, 'é';\nCREATE TABLE later (x int);");
        Assert.Contains("no rows", noRows.Message);
    }

    [Fact]
    public async Task A_cell_that_is_not_an_exercise_is_refused()
    {
        var learner = await fixture.NewLearnerAsync();
        var doc = Parse("Intro.\n\n## Step\n\n" + Fence("sql id=plain", "SELECT 1;"));
        await Assert.ThrowsAsync<ArgumentException>(() => Checker.CheckAsync(learner, doc.FindCell("plain")!, new CellRunResult(), Ct));
    }
}
