using ImmersiveLab.TestSupport;
using static ImmersiveLab.Workbook.Tests.TestLabText;

namespace ImmersiveLab.Workbook.Tests;

[Collection(nameof(WorkbookCollection))]
public sealed class LabVerifierTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private LabVerifier Verifier => fixture.Get<LabVerifier>();

    private const string Yaml = "id: {0}\nminutes: 5\ntitle:\n  en: A lab\nsummary:\n  en: For the verifier.\n";

    /// <summary>Writes labs/NN-slug/ under <paramref name="root"/> (errors name files from the labs folder on).</summary>
    private static void WriteLab(string root, string folder, string markdown)
    {
        var dir = Path.Combine(root, "labs", folder);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "lab.yaml"), string.Format(Yaml, folder[3..]));
        File.WriteAllText(Path.Combine(dir, "en.md"), markdown);
    }

    [Fact]
    public async Task A_working_lab_passes_with_every_cell_and_exercise_run()
    {
        using var dir = new TempDirectory();
        WriteLab(dir.Path, "01-good", "Intro.\n\n## One\n\n"
            + Fence("sql id=make", "CREATE TABLE t (x int);")
            + Fence("sql exercise id=fill", "-- insert two rows")
            + Fence("check for=fill", "SELECT count(*) = 2 FROM t")
            + Fence("solution for=fill", "INSERT INTO t VALUES (1), (2);")
            + Wrongs("fill")
            + "## Two\n\n"
            + Fence("sql exercise id=sum", "SELECT x FROM t;")
            + Fence("expect for=sum", "SELECT sum(x) FROM t")
            + Fence("solution for=sum", "SELECT sum(x) AS total FROM t;")
            + Wrongs("sum")
            + Fence("gallery", "SELECT x FROM t"));

        var report = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, checkBeforeSolution: true, null, Ct);

        Assert.True(report.Passed, report.ToString());
        var lab = Assert.Single(report.Labs);
        Assert.Equal((3, 2), (lab.CellsRun, lab.ExercisesChecked));
        Assert.Equal(["en"], lab.LanguagesRun);
        Assert.Empty(lab.Problems);
    }

    [Fact]
    public async Task A_failing_cell_is_reported_at_its_file_and_line_and_stops_the_lab()
    {
        using var dir = new TempDirectory();
        WriteLab(dir.Path, "01-broken", "Intro.\n\n## One\n\n"       // lines 1-4
            + Fence("sql id=ok", "SELECT 1;")                          // 5-7
            + Fence("sql id=bad", "SELECT 1;\nSELECT * FROM missing;") // 9: fence, 10-11: SQL
            + Fence("sql id=after", "SELECT 2;"));

        var report = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, true, null, Ct);

        Assert.False(report.Passed);
        var error = Assert.Single(report.Labs[0].Errors);
        Assert.Equal(("labs/01-broken/en.md", 11, "bad"), (error.File, error.Line, error.CellId));
        Assert.Contains("missing", error.Message);
        Assert.Contains("labs/01-broken/en.md:11: [bad]", report.ToString());
        Assert.Contains(report.Labs[0].Warnings, w => w.Message.Contains("1 cell(s)"));
    }

    [Fact]
    public async Task A_check_that_fails_after_the_solution_is_reported_at_the_check()
    {
        using var dir = new TempDirectory();
        WriteLab(dir.Path, "01-wrong-check", "Intro.\n\n## One\n\n"
            + Fence("sql exercise id=ex", "")                          // 5-7
            + Fence("check for=ex", "SELECT count(*) = 3 FROM t")       // 9
            + Fence("solution for=ex", "CREATE TABLE t (x int); INSERT INTO t VALUES (1);")
            + Wrongs("ex"));

        var report = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, true, null, Ct);

        var error = Assert.Single(report.Labs[0].Errors);
        Assert.Equal((9, "ex"), (error.Line, error.CellId));
        Assert.Contains("check 1 fails after the solution", error.Message);
    }

    [Fact]
    public async Task A_check_that_already_passes_before_the_solution_is_a_warning_not_an_error()
    {
        using var dir = new TempDirectory();
        WriteLab(dir.Path, "01-lax", "Intro.\n\n## One\n\n"
            + Fence("sql exercise id=ex", "")
            + Fence("check for=ex", "SELECT true")
            + Fence("solution for=ex", "SELECT 1;")
            + Wrongs("ex"));

        var strict = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, checkBeforeSolution: true, null, Ct);
        var lenient = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, checkBeforeSolution: false, null, Ct);

        Assert.True(strict.Passed);
        Assert.Contains("already pass before the solution", Assert.Single(strict.Labs[0].Warnings).Message);
        Assert.Empty(lenient.Labs[0].Problems);
    }

    [Fact]
    public async Task A_demonstration_must_fail_with_its_declared_sqlstate()
    {
        using var dir = new TempDirectory();
        WriteLab(dir.Path, "01-refusals", "Intro.\n\n## One\n\n"
            + Fence("sql readonly id=refused fails=42501", "SELECT pg_read_file('/etc/hostname');")
            + Fence("sql readonly id=wrong-code fails=42501", "SELECT 1 / 0;")                  // line 9
            + Fence("sql readonly id=works fails=42501", "SELECT 1;"));

        var report = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, true, null, Ct);

        var error = Assert.Single(report.Labs[0].Errors);
        Assert.Equal((9, "wrong-code"), (error.Line, error.CellId));
        Assert.Contains("22012", error.Message);

        File.WriteAllText(Path.Combine(dir.Path, "labs", "01-refusals", "en.md"), "Intro.\n\n## One\n\n"
            + Fence("sql readonly id=works fails=42501", "SELECT 1;"));
        var succeeded = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, true, null, Ct);
        Assert.Contains("but it succeeded", Assert.Single(succeeded.Labs[0].Errors).Message);
    }

    [Fact]
    public async Task Format_errors_are_reported_with_file_and_line_and_the_lab_is_not_run()
    {
        using var dir = new TempDirectory();
        WriteLab(dir.Path, "01-typo", "Intro.\n\n## One\n\n" + Fence("sql readonly=yes id=x", "SELECT 1;"));

        var report = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, true, null, Ct);

        Assert.False(report.Passed);
        Assert.Contains(report.FormatErrors, e => e.File == "labs/01-typo/en.md" && e.Line == 5);
        Assert.Contains("not run", Assert.Single(report.Labs[0].Problems).Message);
    }

    [Fact]
    public async Task One_lab_is_chosen_by_id_and_an_unknown_id_is_an_error()
    {
        using var dir = new TempDirectory();
        WriteLab(dir.Path, "01-first", "Intro.\n\n## One\n\n" + Fence("sql id=a", "SELECT 1;"));
        WriteLab(dir.Path, "02-second", "Intro.\n\n## One\n\n" + Fence("sql id=a", "SELECT nope;"));
        var lines = new List<string>();

        var first = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), "first", true, lines.Add, Ct);
        var unknown = await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), "third", true, null, Ct);

        Assert.True(first.Passed, first.ToString());
        Assert.Equal("first", Assert.Single(first.Labs).LabId);
        Assert.Contains("01-first", Assert.Single(lines));
        Assert.False(unknown.Passed);
        Assert.Contains("third", unknown.ToString());
    }

    [Fact]
    public async Task The_verifier_leaves_no_learner_or_sandbox_behind()
    {
        using var dir = new TempDirectory();
        WriteLab(dir.Path, "01-clean", "Intro.\n\n## One\n\n" + Fence("sql id=a", "CREATE TABLE x (y int);"));

        await Verifier.VerifyAsync(Path.Combine(dir.Path, "labs"), null, true, null, Ct);

        await using var cmd = fixture.Server.Metadata.CreateCommand("SELECT count(*) FROM learners WHERE name LIKE 'labs-check %'");
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }
}
