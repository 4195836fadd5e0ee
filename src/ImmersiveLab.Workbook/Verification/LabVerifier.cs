using System.Diagnostics;
using ImmersiveLab.Database;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Proves the labs work, for <c>imlab labs check</c> and the test suite: loads every lab and reports format errors
/// with file:line, then runs each lab in a fresh sandbox in order, the way a learner who solves everything would:
/// every cell, every exercise's solution followed by its checks and expected result, every gallery query and
/// explain-compare pair. Optionally checks first that an exercise's checks do not already pass before its solution.
/// Each language file is run when its SQL differs from the first one's.
/// </summary>
public sealed class LabVerifier(
    LabLoader loader,
    IOptions<LabsOptions> labsOptions,
    LearnerDirectory learners,
    SandboxProvisioner provisioner,
    SqlRunner runner,
    ExerciseChecker checker,
    LabServer server,
    ILogger<LabVerifier> logger)
{
    /// <param name="labsDirectory">The labs folder; null for the configured one.</param>
    /// <param name="labId">Only this lab (its id or folder name); null for all.</param>
    /// <param name="checkBeforeSolution">Warn when an exercise's checks pass before its solution ran.</param>
    /// <param name="progress">Receives a line per lab as it finishes.</param>
    public async Task<LabCheckReport> VerifyAsync(string? labsDirectory, string? labId, bool checkBeforeSolution, Action<string>? progress, CancellationToken ct)
    {
        var snapshot = loader.LoadAll(labsDirectory ?? labsOptions.Value.ResolveLabsDirectory());
        var labs = snapshot.Labs.ToList();
        var formatErrors = snapshot.Errors.ToList();
        if (labId is not null)
        {
            labs = labs.Where(l => l.Id == labId || l.Folder == labId).ToList();
            if (labs.Count == 0)
                return new LabCheckReport(
                    [new LabFormatError(snapshot.LabsDirectory, 0, $"there is no lab with the id or folder '{labId}' (labs: {string.Join(", ", snapshot.Labs.Select(l => l.Id))})")],
                    []);
            formatErrors = labs.SelectMany(snapshot.ErrorsOf).ToList();
        }

        var results = new List<LabVerification>();
        foreach (var lab in labs)
        {
            ct.ThrowIfCancellationRequested();
            var labErrors = snapshot.ErrorsOf(lab).ToList();
            LabVerification verification;
            if (labErrors.Count > 0)
            {
                verification = new LabVerification(lab.Id, lab.Folder, [], 0, 0,
                    [new VerificationProblem($"labs/{lab.Folder}", 0, null, $"not run: fix its {labErrors.Count} format error(s) first")], TimeSpan.Zero);
            }
            else
            {
                verification = await VerifyLabAsync(lab, checkBeforeSolution, ct);
            }
            results.Add(verification);
            progress?.Invoke(Describe(verification));
        }
        return new LabCheckReport(formatErrors, results);
    }

    /// <summary>Runs one (well-formed) lab in fresh sandboxes.</summary>
    public async Task<LabVerification> VerifyLabAsync(Lab lab, bool checkBeforeSolution, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var problems = new List<VerificationProblem>();
        var languagesRun = new List<string>();
        var cells = 0;
        var exercises = 0;
        string? firstScript = null;
        foreach (var language in lab.AvailableLanguages)
        {
            var document = lab.Documents[language];
            var script = Script(document);
            if (firstScript is not null && script == firstScript) continue; // same SQL as a language already run
            firstScript ??= script;
            languagesRun.Add(language);
            var run = await RunDocumentAsync(lab, document, checkBeforeSolution, ct);
            problems.AddRange(run.Problems);
            cells += run.Cells;
            exercises += run.Exercises;
        }
        return new LabVerification(lab.Id, lab.Folder, languagesRun, cells, exercises, problems, stopwatch.Elapsed);
    }

    private async Task<(List<VerificationProblem> Problems, int Cells, int Exercises)> RunDocumentAsync(
        Lab lab, LabDocument document, bool checkBeforeSolution, CancellationToken ct)
    {
        var problems = new List<VerificationProblem>();
        var cells = 0;
        var exercises = 0;
        var learner = await learners.GetOrCreateAsync(VerifierName(lab, document.Language), null, ct);
        try
        {
            await provisioner.EnsureAsync(learner, ct);
            var blocks = document.Steps.SelectMany(s => s.Blocks).Where(b => b is SqlCell or SpecialBlock).ToList();
            for (var i = 0; i < blocks.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var found = blocks[i] switch
                {
                    SqlCell { Kind: SqlCellKind.Exercise } exercise => await RunExerciseAsync(learner, document, exercise, checkBeforeSolution, problems, ct),
                    SqlCell cell => await RunCellAsync(learner, cell, problems, ct),
                    SpecialBlock special => await RunSpecialAsync(learner, document, special, problems, ct),
                    _ => true,
                };
                if (blocks[i] is SqlCell c)
                {
                    cells++;
                    if (c.Kind == SqlCellKind.Exercise) exercises++;
                }
                if (!found)
                {
                    var rest = blocks.Count - i - 1;
                    if (rest > 0)
                        problems.Add(new VerificationProblem(document.SourceFile, blocks[i].Line, null,
                            $"stopped here: the {rest} cell(s) and block(s) after this one were not run", ProblemSeverity.Warning));
                    break;
                }
            }
        }
        finally
        {
            await CleanUpAsync(learner);
        }
        return (problems, cells, exercises);
    }

    private async Task<bool> RunCellAsync(LearnerRef learner, SqlCell cell, List<VerificationProblem> problems, CancellationToken ct)
    {
        var result = await runner.RunAsync(learner, cell.Sql, ct);
        if (cell.ExpectedFailure is not null)
        {
            if (IntendedOutcome.Deviation(cell, result) is not { } deviation) return true;
            problems.Add(new VerificationProblem(cell.Source.File, cell.Source.Line, cell.Id, $"the demonstration is {deviation}"));
            return false;
        }
        if (Problem(result, cell.Source.File, cell.Source.Line, cell.Id, "cell") is not { } problem) return true;
        problems.Add(problem);
        return false;
    }

    private async Task<bool> RunExerciseAsync(
        LearnerRef learner, LabDocument document, SqlCell cell, bool checkBeforeSolution, List<VerificationProblem> problems, CancellationToken ct)
    {
        var exercise = cell.Exercise!;
        var solutionLine = document.Attachments.FirstOrDefault(a => a.Kind == FenceKinds.Solution && a.For == cell.Id)?.Line ?? cell.Line;
        if (checkBeforeSolution && exercise.Checks.Count > 0)
        {
            // Nothing run yet for this exercise: its checks look at the sandbox as the lab left it.
            var before = await checker.CheckAsync(learner, cell, new CellRunResult(), ct);
            if (before.Checks.Count > 0 && before.Checks.All(c => c.Passed))
                problems.Add(new VerificationProblem(cell.Source.File, exercise.Checks[0].Line, cell.Id,
                    "the checks already pass before the solution ran: they do not test the exercise", ProblemSeverity.Warning));
        }

        if (exercise.SolutionSql is not { } solution)
        {
            problems.Add(new VerificationProblem(cell.Source.File, cell.Line, cell.Id, "the exercise has no solution to run"));
            return false;
        }
        var run = await runner.RunAsync(learner, solution, ct);
        if (Problem(run, cell.Source.File, solutionLine, cell.Id, "solution") is { } problem)
        {
            problems.Add(problem);
            return false;
        }

        var check = await checker.CheckAsync(learner, cell, run, ct);
        if (check.Passed) return true;
        foreach (var failed in check.Checks.Where(c => !c.Passed))
            problems.Add(new VerificationProblem(cell.Source.File, failed.Line, cell.Id, $"check {failed.Number} fails after the solution: {failed.Message}"));
        if (check.Expect is { Passed: false } expect)
            problems.Add(new VerificationProblem(cell.Source.File, expect.Line, cell.Id, $"the solution's result is not the expected one: {expect.Message}"));
        if (check.Status == CheckStatus.NotChecked)
            problems.Add(new VerificationProblem(cell.Source.File, solutionLine, cell.Id, check.Message));
        return false;
    }

    private async Task<bool> RunSpecialAsync(LearnerRef learner, LabDocument document, SpecialBlock block, List<VerificationProblem> problems, CancellationToken ct)
    {
        switch (block.Kind)
        {
            case SpecialBlockKind.Gallery:
            {
                var result = await runner.RunAsync(learner, block.Body, ct);
                if (Problem(result, document.SourceFile, block.Line, block.Id, "gallery query") is { } problem)
                {
                    problems.Add(problem);
                    return false;
                }
                if (result.Statements.LastOrDefault() is not { HasRows: true })
                {
                    problems.Add(new VerificationProblem(document.SourceFile, block.Line, block.Id, "the gallery's last statement returns no rows to show"));
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
                    problems.Add(new VerificationProblem(document.SourceFile, block.Line + offset + (plan.Error?.Line ?? 1), block.Id,
                        $"explain-compare query cannot be explained: {plan.Error?.Message ?? "no plan"}"));
                    ok = false;
                }
                return ok;
            }
            default:
                return true; // image-steps, recall-chart, image-search: no SQL of the author's to run
        }
    }

    /// <summary>The first error of a run as a problem at its line in the file (the SQL starts the line after <paramref name="fenceLine"/>).</summary>
    private static VerificationProblem? Problem(CellRunResult result, string file, int fenceLine, string? cellId, string what)
    {
        if (result.Cancelled)
            return new VerificationProblem(file, fenceLine, cellId, $"the {what} was cancelled (too slow?)");
        if (result.Error is { } refused)
            return new VerificationProblem(file, fenceLine + (refused.Line ?? 1), cellId, $"the {what} did not run: {refused.Message}");
        if (result.Statements.FirstOrDefault(s => s.Error is not null) is { } failed)
        {
            var error = failed.Error!;
            var line = fenceLine + (error.Line ?? failed.StartLine);
            return new VerificationProblem(file, line, cellId,
                $"the {what} fails at statement {failed.Index + 1}: {error.Message}{(error.SqlState is null ? "" : $" (SQLSTATE {error.SqlState})")}");
        }
        return null;
    }

    /// <summary>Everything a language file runs, to skip a second language whose SQL is the same.</summary>
    private static string Script(LabDocument document) => string.Join("\n\u0001\n", document.Steps.SelectMany(s => s.Blocks).Select(b => b switch
    {
        SqlCell c => string.Join("\u0002", [c.Id, c.Kind.ToString(), c.Sql, c.Exercise?.SolutionSql ?? "",
            .. c.Exercise?.Checks.Select(x => x.Sql) ?? [], c.Exercise?.Expect?.Sql ?? "", c.Exercise?.Expect?.Order.ToString() ?? ""]),
        SpecialBlock s => string.Join("\u0002", s.Id, s.Kind.ToString(), s.Body),
        _ => "",
    }).Where(s => s.Length > 0));

    private static int LineOf(string body, string part)
    {
        var index = body.IndexOf(part, StringComparison.Ordinal);
        return index <= 0 ? 0 : body.AsSpan(0, index).Count('\n');
    }

    private static string VerifierName(Lab lab, string language)
    {
        var name = $"labs-check {lab.Id} {language} {Guid.NewGuid():N}";
        return name.Length <= 64 ? name : name[..64];
    }

    private async Task CleanUpAsync(LearnerRef learner)
    {
        try
        {
            await provisioner.DropAsync(learner.Id, CancellationToken.None);
            await using var cmd = server.Metadata.CreateCommand("DELETE FROM learners WHERE id = $1");
            cmd.Parameters.AddWithValue(learner.Id);
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not remove the verification sandbox of {Learner}", learner.Name);
        }
    }

    private static string Describe(LabVerification v)
    {
        var status = v.Passed ? "ok" : $"FAILED ({v.Errors.Count()} error(s))";
        var languages = v.LanguagesRun.Count == 0 ? "" : $" [{string.Join(", ", v.LanguagesRun)}]";
        var warnings = v.Warnings.Any() ? $", {v.Warnings.Count()} warning(s)" : "";
        return $"{v.Folder}{languages}: {v.CellsRun} cells, {v.ExercisesChecked} exercises, {v.Elapsed.TotalSeconds:0.0} s: {status}{warnings}";
    }
}
