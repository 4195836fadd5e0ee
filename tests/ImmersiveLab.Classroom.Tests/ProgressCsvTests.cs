namespace ImmersiveLab.Classroom.Tests;

public sealed class ProgressCsvTests
{
    private static readonly DateTime T = new(2026, 12, 2, 9, 30, 0, DateTimeKind.Utc);

    private static ClassDashboardView View(params LearnerStatus[] learners) => new(
        new ClassInfo(Guid.NewGuid(), "PG 101", "ABCD", [], [], 30, learners.Length, T, null, 1, null),
        learners,
        [new LabExerciseCount("welcome", 2), new LabExerciseCount("vectors", 3)],
        T);

    private static LearnerStatus Learner(string name, LearnerError? error = null) => new(
        Guid.NewGuid(), name, T, new LearnerPlace("vectors", 4, T), new Dictionary<string, int> { ["welcome"] = 2, ["vectors"] = 1 },
        3, 5, error, T, TimeSpan.FromSeconds(95), false, true);

    [Fact]
    public void One_row_per_learner_with_a_solved_column_per_lab()
    {
        var lines = ProgressCsv.Write(View(Learner("Ada"), Learner("李雷"))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("learner,joined_utc,current_lab,current_step,exercises_solved,exercises_total,solved:welcome (of 2),solved:vectors (of 3),", lines[0]);
        Assert.Equal("Ada,2026-12-02T09:30:00Z,vectors,4,3,5,2,1,,,,,2026-12-02T09:30:00Z,95", lines[1]);
        Assert.StartsWith("李雷,", lines[2]);
    }

    [Fact]
    public void Commas_quotes_and_newlines_are_quoted()
    {
        var csv = ProgressCsv.Write(View(Learner("Smith, \"Jo\"", new LearnerError("vectors", "c1", "ERROR: syntax\nat line 2", T))));
        Assert.Contains("\"Smith, \"\"Jo\"\"\"", csv);
        Assert.Contains("\"ERROR: syntax\nat line 2\"", csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public void Learner_text_that_a_spreadsheet_would_run_as_a_formula_is_defused(string name)
    {
        Assert.StartsWith("'", ProgressCsv.Escape(name).TrimStart('"'));
    }
}
