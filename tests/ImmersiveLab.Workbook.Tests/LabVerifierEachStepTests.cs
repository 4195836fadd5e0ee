using ImmersiveLab.TestSupport;
using static ImmersiveLab.Workbook.Tests.TestLabText;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>
/// <c>imlab labs check --each-step</c> on the real cluster: every step alone in a fresh sandbox, and the proofs that an
/// exercise's checks reject its untouched state and its wrong answers and accept its variants.
/// </summary>
[Collection(nameof(WorkbookCollection))]
public sealed class LabVerifierEachStepTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly LabCheckOptions EachStep = new() { EachStep = true };
    private LabVerifier Verifier => fixture.Get<LabVerifier>();

    private static string TestLabs => Path.Combine(RepoPaths.Root, "tests", "ImmersiveLab.Workbook.Tests", "TestLabs", "labs");

    /// <summary>Writes labs/NN-slug/ under <paramref name="root"/> with an en.md and, when given, a zh.md.</summary>
    private static string WriteLab(string root, string folder, string en, string? zh = null)
    {
        var dir = Path.Combine(root, "labs", folder);
        Directory.CreateDirectory(dir);
        var title = zh is null ? "title:\n  en: A lab\nsummary:\n  en: For the verifier.\n" : "title:\n  en: A lab\n  zh: 实验\nsummary:\n  en: For the verifier.\n  zh: 测试。\n";
        File.WriteAllText(Path.Combine(dir, "lab.yaml"), $"id: {folder[3..]}\nminutes: 5\n{title}");
        File.WriteAllText(Path.Combine(dir, "en.md"), en);
        if (zh is not null) File.WriteAllText(Path.Combine(dir, "zh.md"), zh);
        return Path.Combine(root, "labs");
    }

    [Fact]
    public async Task A_weak_check_that_accepts_invented_numbers_is_caught()
    {
        var report = await Verifier.VerifyAsync(TestLabs, "weak-check", EachStep, null, Ct);

        Assert.False(report.Passed);
        var error = Assert.Single(report.Labs[0].Errors);
        Assert.Equal(("labs/01-weak-check/en.md", 26, "count-photos"), (error.File, error.Line, error.CellId));
        Assert.Contains("step 1 alone", error.Message);
        Assert.Contains("wrong answer \"invented numbers\" is accepted", error.Message);
        Assert.DoesNotContain(report.Labs[0].Problems, p => p.Message.Contains("one category only"));
        Assert.Equal(3, report.Labs[0].AnswersProved); // untouched + 2 wrong answers

        // The walk from the start (what labs check did before --each-step) does not see it.
        var walk = await Verifier.VerifyAsync(TestLabs, "weak-check", new LabCheckOptions(), null, Ct);
        Assert.True(walk.Passed, walk.ToString());
    }

    [Fact]
    public async Task The_same_lab_with_a_check_of_the_numbers_passes()
    {
        using var dir = new TempDirectory();
        var en = File.ReadAllText(Path.Combine(TestLabs, "01-weak-check", "en.md"))
            + Fence("check for=count-photos", "SELECT bool_and(c.photos = (SELECT count(*) FROM lab.sample_images s WHERE s.category = c.category)) FROM counts c");

        var report = await Verifier.VerifyAsync(WriteLab(dir.Path, "01-strong-check", en), null, EachStep, null, Ct);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal((1, 3), (report.Labs[0].StepsRunAlone, report.Labs[0].AnswersProved));
    }

    [Fact]
    public async Task A_step_that_needs_an_earlier_steps_table_fails_alone_until_its_setup_makes_it()
    {
        using var dir = new TempDirectory();
        var stepOne = "Intro.\n\n## One\n\n" + Fence("sql id=make", "CREATE TABLE IF NOT EXISTS t (x int PRIMARY KEY);\nINSERT INTO t VALUES (1), (2) ON CONFLICT DO NOTHING;");
        var stepTwo = "## Two\n\n" + Fence("sql id=read", "SELECT sum(x) FROM t;");            // the SELECT is on line 13
        var broken = await Verifier.VerifyAsync(WriteLab(dir.Path, "01-chain", stepOne + stepTwo), null, EachStep, null, Ct);

        var error = Assert.Single(broken.Labs[0].Errors);
        Assert.Equal(("read", 13), (error.CellId, error.Line));
        Assert.Contains("step 2 alone", error.Message);
        Assert.Contains("\"t\" does not exist", error.Message);

        var setup = Fence("sql setup", "CREATE TABLE IF NOT EXISTS t (x int PRIMARY KEY);\nINSERT INTO t VALUES (1), (2) ON CONFLICT DO NOTHING;");
        using var other = new TempDirectory();
        var fixedLab = await Verifier.VerifyAsync(WriteLab(other.Path, "01-chain", stepOne + "## Two\n\n" + setup + Fence("sql id=read", "SELECT sum(x) FROM t;")), null, EachStep, null, Ct);
        Assert.True(fixedLab.Passed, fixedLab.ToString());
        Assert.Equal(2, fixedLab.Labs[0].StepsRunAlone);
    }

    [Fact]
    public async Task A_gallery_that_runs_on_open_must_find_what_it_needs_after_the_setup()
    {
        using var dir = new TempDirectory();
        var en = "Intro.\n\n## One\n\n" + Fence("sql id=make", "CREATE TABLE IF NOT EXISTS pics AS SELECT id, bytes FROM lab.sample_images;")
            + "## Two\n\n" + Fence("gallery id=on-open", "SELECT bytes FROM pics")                           // line 9
            + Fence("sql id=more", "CREATE TABLE IF NOT EXISTS more_pics AS SELECT id, bytes FROM lab.sample_images;")
            + Fence("gallery id=after-cells", "SELECT bytes FROM more_pics");

        var report = await Verifier.VerifyAsync(WriteLab(dir.Path, "01-galleries", en), null, EachStep, null, Ct);

        // The first gallery of step 2 runs when the step opens and fails; the second waits for the cell above it.
        var error = Assert.Single(report.Labs[0].Errors);
        Assert.Equal(("on-open", "labs/01-galleries/en.md"), (error.CellId, error.File));
        Assert.Contains("step 2 alone", error.Message);
    }

    [Fact]
    public async Task An_exercise_the_setup_already_solves_is_reported()
    {
        using var dir = new TempDirectory();
        var en = "Intro.\n\n## One\n\n" + Fence("sql setup", "CREATE TABLE IF NOT EXISTS notes (id int);")
            + Fence("sql exercise id=make-notes", "-- create the table notes")                                           // line 9
            + Fence("check for=make-notes", "SELECT to_regclass('notes') IS NOT NULL")
            + Fence("solution for=make-notes", "CREATE TABLE IF NOT EXISTS notes (id int);")
            + Wrongs("make-notes", "CREATE TABLE other (id int);", "SELECT 1;");

        var report = await Verifier.VerifyAsync(WriteLab(dir.Path, "01-presolved", en), null, EachStep, null, Ct);

        Assert.Contains(report.Labs[0].Errors, e => e.Line == 9 && e.Message.Contains("untouched exercise is already solved"));
        // ... and, the same cause, both wrong answers pass as well.
        Assert.Equal(2, report.Labs[0].Errors.Count(e => e.Message.Contains("is accepted")));
    }

    [Fact]
    public async Task Wrong_answers_must_run_and_variants_must_pass()
    {
        using var dir = new TempDirectory();
        var en = "Intro.\n\n## One\n\n" + Fence("sql exercise id=ex", "-- two rows in t")
            + Fence("check for=ex", "SELECT count(*) = 2 FROM t")
            + Fence("solution for=ex", "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2);")
            + Fence("wrong for=ex why=\"a typo\"", "CREATE TABLE t (x int); INSERT INTO tt VALUES (1), (2);")   // fence on line 17
            + Fence("wrong for=ex why=\"one row\"", "CREATE TABLE t (x int); INSERT INTO t VALUES (1);")
            + Fence("variant for=ex why=\"one insert per row\"", "CREATE TABLE t (x int); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);")
            + Fence("variant for=ex why=\"three rows\"", "CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2), (3);"); // fence on line 29

        var report = await Verifier.VerifyAsync(WriteLab(dir.Path, "01-answers", en), null, EachStep, null, Ct);

        Assert.Collection(report.Labs[0].Errors.OrderBy(e => e.Line),
            e => Assert.Contains("\"a typo\"", e.Message),
            e => Assert.Equal((29, true), (e.Line, e.Message.Contains("variant answer \"three rows\" is rejected"))));
        Assert.Contains("must run", report.Labs[0].Errors.First().Message);
        Assert.Equal(5, report.Labs[0].AnswersProved); // untouched, 2 wrong, 2 variants
    }

    [Fact]
    public async Task Answers_that_cannot_run_in_a_transaction_are_proved_in_fresh_sandboxes()
    {
        using var dir = new TempDirectory();
        var en = "Intro.\n\n## One\n\n" + Fence("sql id=make", "CREATE TABLE t (x int); INSERT INTO t SELECT generate_series(1, 100);")
            + Fence("sql exercise id=clean", "-- delete the odd rows, then VACUUM t")
            + Fence("check for=clean", "SELECT count(*) = 50 AND bool_and(x % 2 = 0) FROM t")
            + Fence("check for=clean", "SELECT vacuum_count + autovacuum_count > 0 FROM pg_stat_user_tables WHERE relname = 't'")
            + Fence("solution for=clean", "DELETE FROM t WHERE x % 2 = 1;\nVACUUM t;")
            + Fence("wrong for=clean why=\"no vacuum\"", "BEGIN;\nDELETE FROM t WHERE x % 2 = 1;\nCOMMIT;")
            + Fence("wrong for=clean why=\"vacuum, nothing deleted\"", "VACUUM t;")
            + Fence("variant for=clean why=\"in a transaction, then vacuum\"", "BEGIN;\nDELETE FROM t WHERE x % 2 = 1;\nCOMMIT;\nVACUUM t;");

        var report = await Verifier.VerifyAsync(WriteLab(dir.Path, "01-vacuum", en), null, EachStep, null, Ct);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(4, report.Labs[0].AnswersProved);
    }

    [Fact]
    public async Task A_wrong_answer_let_through_by_what_an_earlier_one_left_outside_the_transaction_is_tried_again_fresh()
    {
        // ANALYZE sets last_analyze whatever becomes of its transaction: after the first wrong answer (rolled back),
        // the second would pass both checks; in a fresh sandbox it does not.
        using var dir = new TempDirectory();
        var en = "Intro.\n\n## One\n\n" + Fence("sql id=make", "CREATE TABLE t (x int); INSERT INTO t SELECT generate_series(1, 100);")
            + Fence("sql exercise id=ex", "-- index t (x), then ANALYZE t")
            + Fence("check for=ex", "SELECT EXISTS (SELECT FROM pg_indexes WHERE tablename = 't')")
            + Fence("check for=ex", "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 't'")
            + Fence("solution for=ex", "CREATE INDEX ON t (x);\nANALYZE t;")
            + Fence("wrong for=ex why=\"analyze only\"", "ANALYZE t;")
            + Fence("wrong for=ex why=\"index only\"", "CREATE INDEX ON t (x);");

        var report = await Verifier.VerifyAsync(WriteLab(dir.Path, "01-analyze", en), null, EachStep, null, Ct);

        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public async Task One_step_is_chosen_and_a_language_runs_the_steps_whose_sql_differs()
    {
        using var dir = new TempDirectory();
        string Lab(string greeting) => "Intro.\n\n## One\n\n" + Fence("sql id=a", "SELECT 1;")
            + "## Two\n\n" + Fence("sql exercise id=greet", "-- insert a greeting")
            + Fence("check for=greet", "SELECT count(*) = 1 FROM greetings")
            + Fence("solution for=greet", $"CREATE TABLE greetings (g text); INSERT INTO greetings VALUES ('{greeting}');")
            + Wrongs("greet", "CREATE TABLE greetings (g text);", $"CREATE TABLE greetings (g text); INSERT INTO greetings VALUES ('{greeting}'), ('{greeting}');");
        var labs = WriteLab(dir.Path, "01-two-languages", Lab("hello"), Lab("你好"));

        var all = await Verifier.VerifyAsync(labs, null, EachStep, null, Ct);
        var one = await Verifier.VerifyAsync(labs, "two-languages", EachStep with { Step = 2 }, null, Ct);
        var none = await Verifier.VerifyAsync(labs, "two-languages", EachStep with { Step = 3 }, null, Ct);

        Assert.True(all.Passed, all.ToString());
        Assert.Equal((3, 6), (all.Labs[0].StepsRunAlone, all.Labs[0].AnswersProved)); // en 1 + 2, zh 2 only
        Assert.Equal(["en", "zh"], all.Labs[0].LanguagesRun);
        Assert.Equal((2, 2, 6), (one.Labs[0].StepsRunAlone, one.Labs[0].CellsRun, one.Labs[0].AnswersProved));
        Assert.Contains("has no step 3", Assert.Single(none.Labs[0].Errors).Message);
    }

    [Fact]
    public async Task The_each_step_run_leaves_no_learner_or_sandbox_behind()
    {
        await Verifier.VerifyAsync(TestLabs, "weak-check", EachStep, null, Ct);

        await using var cmd = fixture.Server.Metadata.CreateCommand("SELECT count(*) FROM learners WHERE name LIKE 'labs-check %'");
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }
}
