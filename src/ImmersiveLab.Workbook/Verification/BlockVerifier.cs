using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Runs a lab's blocks in one sandbox the way a learner who solves everything would, and reports what goes wrong at
/// the line of the lab file an author fixes: a cell that fails (or a demonstration that does not fail as declared), a
/// solution that fails or does not pass its checks, a gallery or explain-compare query that cannot run.
/// <see cref="Context"/> (e.g. "step 3 alone") starts every message.
/// </summary>
internal sealed class BlockVerifier(SqlRunner runner, ExerciseChecker checker, LearnerRef learner, LabDocument document, List<VerificationProblem> problems)
{
    public string? Context { get; init; }

    public LearnerRef Learner => learner;

    public void Add(int line, string? cellId, string message, ProblemSeverity severity = ProblemSeverity.Error) =>
        problems.Add(new VerificationProblem(document.SourceFile, line, cellId, Context is null ? message : $"{Context}: {message}", severity));

    /// <summary>Runs one block; false when it failed (the run of the lab or step should stop there).</summary>
    public Task<bool> RunAsync(LabBlock block, bool checkBeforeSolution, CancellationToken ct) => block switch
    {
        SqlCell { Kind: SqlCellKind.Exercise } exercise => RunSolutionAsync(exercise, checkBeforeSolution, ct),
        SqlCell cell => RunCellAsync(cell, ct),
        SpecialBlock special => RunSpecialAsync(special, ct),
        _ => Task.FromResult(true),
    };

    public async Task<bool> RunCellAsync(SqlCell cell, CancellationToken ct, string what = "cell")
    {
        var result = await runner.RunAsync(learner, cell.Sql, ct);
        if (cell.ExpectedFailure is not null)
        {
            if (IntendedOutcome.Deviation(cell, result) is not { } deviation) return true;
            Add(cell.Source.Line, cell.Id, $"the demonstration is {deviation}");
            return false;
        }
        if (Problem(result, cell.Source.Line, what) is not { } problem) return true;
        Add(problem.Line, cell.Id, problem.Message);
        return false;
    }

    /// <summary>The exercise's solution, then its checks and expected result, which must pass.</summary>
    public async Task<bool> RunSolutionAsync(SqlCell cell, bool checkBeforeSolution, CancellationToken ct)
    {
        var exercise = cell.Exercise!;
        if (checkBeforeSolution && exercise.Checks.Count > 0)
        {
            // Nothing run yet for this exercise: its checks look at the sandbox as the lab left it.
            var before = await checker.CheckAsync(learner, cell, new CellRunResult(), ct);
            if (before.Checks.Count > 0 && before.Checks.All(c => c.Passed))
                Add(exercise.Checks[0].Line, cell.Id, "the checks already pass before the solution ran: they do not test the exercise", ProblemSeverity.Warning);
        }

        if (exercise.SolutionSql is not { } solution)
        {
            Add(cell.Line, cell.Id, "the exercise has no solution to run");
            return false;
        }
        var solutionLine = SolutionLine(cell);
        var run = await runner.RunAsync(learner, solution, ct);
        if (Problem(run, solutionLine, "solution") is { } problem)
        {
            Add(problem.Line, cell.Id, problem.Message);
            return false;
        }

        var check = await checker.CheckAsync(learner, cell, run, ct);
        if (check.Passed) return true;
        foreach (var failed in check.Checks.Where(c => !c.Passed))
            Add(failed.Line, cell.Id, $"check {failed.Number} fails after the solution: {failed.Message}");
        if (check.Expect is { Passed: false } expect)
            Add(expect.Line, cell.Id, $"the solution's result is not the expected one: {expect.Message}");
        if (check.Status == CheckStatus.NotChecked)
            Add(solutionLine, cell.Id, check.Message);
        return false;
    }

    public async Task<bool> RunSpecialAsync(SpecialBlock block, CancellationToken ct)
    {
        switch (block.Kind)
        {
            case SpecialBlockKind.Gallery:
            {
                var result = await runner.RunAsync(learner, block.Body, ct);
                if (Problem(result, block.Line, "gallery query") is { } problem)
                {
                    Add(problem.Line, block.Id, problem.Message);
                    return false;
                }
                if (result.Statements.LastOrDefault() is not { HasRows: true })
                {
                    Add(block.Line, block.Id, "the gallery's last statement returns no rows to show");
                    return false;
                }
                return true;
            }
            case SpecialBlockKind.ExplainCompare:
            {
                var ok = true;
                foreach (var query in block.BodyParts())
                {
                    var plan = await runner.ExplainAsync(learner, query, ct);
                    if (plan.Succeeded) continue;
                    var offset = LineOf(block.Body, query);
                    Add(block.Line + offset + (plan.Error?.Line ?? 1), block.Id, $"explain-compare query cannot be explained: {plan.Error?.Message ?? "no plan"}");
                    ok = false;
                }
                return ok;
            }
            default:
                return true; // image-steps, recall-chart, image-search: no SQL of the author's to run
        }
    }

    public int SolutionLine(SqlCell cell) =>
        document.Attachments.FirstOrDefault(a => a.Kind == FenceKinds.Solution && a.For == cell.Id)?.Line ?? cell.Line;

    /// <summary>The first error of a run at its line in the file (the SQL starts the line after <paramref name="fenceLine"/>).</summary>
    public static (int Line, string Message)? Problem(CellRunResult result, int fenceLine, string what)
    {
        if (result.Cancelled)
            return (fenceLine, $"the {what} was cancelled (too slow?)");
        if (result.Error is { } refused)
            return (fenceLine + (refused.Line ?? 1), $"the {what} did not run: {refused.Message}");
        if (result.Statements.FirstOrDefault(s => s.Error is not null) is { } failed)
        {
            var error = failed.Error!;
            return (fenceLine + (error.Line ?? failed.StartLine),
                $"the {what} fails at statement {failed.Index + 1}: {error.Message}{(error.SqlState is null ? "" : $" (SQLSTATE {error.SqlState})")}");
        }
        return null;
    }

    private static int LineOf(string body, string part)
    {
        var index = body.IndexOf(part, StringComparison.Ordinal);
        return index <= 0 ? 0 : body.AsSpan(0, index).Count('\n');
    }
}
