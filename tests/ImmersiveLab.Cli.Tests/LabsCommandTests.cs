using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Cli.Tests;

/// <summary><c>imlab labs check --each-step</c> against the fixture's cluster, on a lab written by the test.</summary>
[Collection(nameof(CliCollection))]
public sealed class LabsCommandTests(CliFixture fixture)
{
    private static string Fence(string info, string body) => $"```{info}\n{body}\n```\n\n";

    private static string WriteLab(TempDirectory dir, string check)
    {
        var lab = Path.Combine(dir.Path, "labs", "01-rows");
        Directory.CreateDirectory(lab);
        File.WriteAllText(Path.Combine(lab, "lab.yaml"), "id: rows\nminutes: 5\ntitle:\n  en: Rows\nsummary:\n  en: Three rows.\n");
        File.WriteAllText(Path.Combine(lab, "en.md"), "Intro.\n\n## Make\n\n" + Fence("sql id=make", "CREATE TABLE IF NOT EXISTS t (x int);")
            + "## Fill\n\n" + Fence("sql setup", "CREATE TABLE IF NOT EXISTS t (x int);")
            + Fence("sql exercise id=fill", "-- three rows into t")
            + Fence("check for=fill", check)
            + Fence("solution for=fill", "INSERT INTO t VALUES (1), (2), (3);")
            + Fence("wrong for=fill why=\"two rows\"", "INSERT INTO t VALUES (1), (2);")
            + Fence("wrong for=fill why=\"the same row three times\"", "INSERT INTO t VALUES (1), (1), (1);"));
        return Path.Combine(dir.Path, "labs");
    }

    [Fact]
    public async Task Each_step_reports_a_wrong_answer_the_checks_let_through_and_passes_once_they_do_not()
    {
        using var dir = new TempDirectory();
        var labs = WriteLab(dir, "SELECT count(*) = 3 FROM t");

        var (weakCode, weak, _) = await fixture.RunAsync("labs", "check", "--labs-dir", labs, "--each-step");

        Assert.Equal(1, weakCode);
        Assert.Contains("[fill] step 2 alone: wrong answer \"the same row three times\" is accepted", weak);
        Assert.DoesNotContain("\"two rows\" is accepted", weak);
        Assert.Contains("2 steps alone, 3 answers proved", weak);

        File.WriteAllText(Path.Combine(labs, "01-rows", "en.md"), File.ReadAllText(Path.Combine(labs, "01-rows", "en.md"))
            + Fence("check for=fill", "SELECT count(DISTINCT x) = 3 FROM t"));
        var (code, output, _) = await fixture.RunAsync("labs", "check", "--labs-dir", labs, "--lab", "rows", "--step", "2");

        Assert.Equal(0, code);
        Assert.Contains("1 steps alone, 3 answers proved", output);
    }

    [Fact]
    public async Task A_step_needs_a_lab()
    {
        var (code, _, error) = await fixture.RunAsync("labs", "check", "--step", "2");

        Assert.NotEqual(0, code);
        Assert.Contains("--step needs --lab", error);
    }
}
