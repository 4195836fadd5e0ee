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
/// explain-compare pair. With <see cref="LabCheckOptions.EachStep"/> it also runs every step alone and proves every
/// exercise's checks against its untouched state, its wrong answers and its variants (<see cref="StepVerifier"/>).
/// Each language file is run when its SQL differs from the first one's (step by step in the each-step run).
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
    public Task<LabCheckReport> VerifyAsync(string? labsDirectory, string? labId, bool checkBeforeSolution, Action<string>? progress, CancellationToken ct) =>
        VerifyAsync(labsDirectory, labId, new LabCheckOptions { CheckBeforeSolution = checkBeforeSolution }, progress, ct);

    public async Task<LabCheckReport> VerifyAsync(string? labsDirectory, string? labId, LabCheckOptions options, Action<string>? progress, CancellationToken ct)
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

        // Labs run side by side when asked (each in sandboxes of its own); the report keeps the labs' order.
        var results = new LabVerification[labs.Count];
        var gate = new object();
        await Parallel.ForEachAsync(Enumerable.Range(0, labs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct },
            async (i, token) =>
            {
                var lab = labs[i];
                var labErrors = snapshot.ErrorsOf(lab).ToList();
                results[i] = labErrors.Count > 0
                    ? new LabVerification(lab.Id, lab.Folder, [], 0, 0,
                        [new VerificationProblem($"labs/{lab.Folder}", 0, null, $"not run: fix its {labErrors.Count} format error(s) first")], TimeSpan.Zero)
                    : await VerifyLabAsync(lab, options, token);
                lock (gate) progress?.Invoke(Describe(results[i]));
            });
        return new LabCheckReport(formatErrors, results);
    }

    /// <summary>Runs one (well-formed) lab in fresh sandboxes.</summary>
    public Task<LabVerification> VerifyLabAsync(Lab lab, bool checkBeforeSolution, CancellationToken ct) =>
        VerifyLabAsync(lab, new LabCheckOptions { CheckBeforeSolution = checkBeforeSolution }, ct);

    public async Task<LabVerification> VerifyLabAsync(Lab lab, LabCheckOptions options, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var problems = new List<VerificationProblem>();
        var languagesRun = new List<string>();
        var cells = 0;
        var exercises = 0;
        if (options.Step is null)
        {
            string? firstScript = null;
            foreach (var language in lab.AvailableLanguages)
            {
                var document = lab.Documents[language];
                var script = Script(document.Steps);
                if (firstScript is not null && script == firstScript) continue; // same SQL as a language already run
                firstScript ??= script;
                languagesRun.Add(language);
                var run = await WalkAsync(lab, document, options.CheckBeforeSolution, problems, ct);
                cells += run.Cells;
                exercises += run.Exercises;
            }
        }

        var steps = 0;
        var proofs = 0;
        if (options.EachStep || options.Step is not null)
        {
            var first = lab.Documents[lab.AvailableLanguages[0]];
            foreach (var language in lab.AvailableLanguages)
            {
                var document = lab.Documents[language];
                var chosen = document.Steps
                    .Where(s => options.Step is null || s.Number == options.Step)
                    .Where(s => ReferenceEquals(document, first) || first.Step(s.Number) is not { } same || Script([s]) != Script([same]))
                    .ToList();
                if (chosen.Count == 0) continue;
                if (!languagesRun.Contains(language)) languagesRun.Add(language);
                await using var sandbox = await VerificationSandbox.CreateAsync($"{lab.Id} {language} steps", learners, provisioner, server, logger, ct);
                var verifier = new StepVerifier(runner, checker, sandbox, document, problems);
                foreach (var step in chosen)
                {
                    ct.ThrowIfCancellationRequested();
                    await verifier.VerifyAsync(step, ct);
                    steps++;
                }
                if (options.Step is not null)
                {
                    cells += verifier.Cells;
                    exercises += verifier.Exercises;
                }
                proofs += verifier.Proofs;
            }
            if (options.Step is { } wanted && first.Step(wanted) is null)
                problems.Add(new VerificationProblem(first.SourceFile, 0, null, $"the lab has no step {wanted} (it has {first.Steps.Count})"));
        }
        return new LabVerification(lab.Id, lab.Folder, languagesRun, cells, exercises, problems, stopwatch.Elapsed)
        {
            StepsRunAlone = steps,
            AnswersProved = proofs,
        };
    }

    /// <summary>The whole document from the first step to the last, in one fresh sandbox; stops at the first failure.</summary>
    private async Task<(int Cells, int Exercises)> WalkAsync(Lab lab, LabDocument document, bool checkBeforeSolution, List<VerificationProblem> problems, CancellationToken ct)
    {
        var cells = 0;
        var exercises = 0;
        await using var sandbox = await VerificationSandbox.CreateAsync($"{lab.Id} {document.Language}", learners, provisioner, server, logger, ct);
        var verifier = new BlockVerifier(runner, checker, sandbox.Learner, document, problems);
        var blocks = document.Steps.SelectMany(s => s.Blocks).Where(b => b is SqlCell or SpecialBlock).ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var ok = await verifier.RunAsync(blocks[i], checkBeforeSolution, ct);
            if (blocks[i] is SqlCell c)
            {
                cells++;
                if (c.Kind == SqlCellKind.Exercise) exercises++;
            }
            if (ok) continue;
            var rest = blocks.Count - i - 1;
            if (rest > 0)
                verifier.Add(blocks[i].Line, null, $"stopped here: the {rest} cell(s) and block(s) after this one were not run", ProblemSeverity.Warning);
            break;
        }
        return (cells, exercises);
    }

    /// <summary>Everything some steps run, to skip a language whose SQL is the same as one already run.</summary>
    private static string Script(IEnumerable<LabStep> steps) => string.Join("\n\u0001\n", steps.SelectMany(s => s.Blocks).Select(b => b switch
    {
        SqlCell c => string.Join("\u0002", [c.Id, c.Kind.ToString(), c.ExpectedFailure ?? "", .. SqlOf(c).Select(SqlText.Normalized)]),
        SpecialBlock s => string.Join("\u0002", s.Id, s.Kind.ToString(), SqlText.Normalized(s.Body)),
        _ => "",
    }).Where(s => s.Length > 0));

    private static IEnumerable<string> SqlOf(SqlCell cell)
    {
        yield return cell.Sql;
        if (cell.Exercise is not { } exercise) yield break;
        yield return exercise.SolutionSql ?? "";
        foreach (var check in exercise.Checks) yield return check.Sql;
        yield return $"{exercise.Expect?.Sql}\u0003{exercise.Expect?.Order}";
        foreach (var wrong in exercise.WrongAnswers) yield return "wrong " + wrong.Sql;
        foreach (var variant in exercise.Variants) yield return "variant " + variant.Sql;
    }

    private static string Describe(LabVerification v)
    {
        var status = v.Passed ? "ok" : $"FAILED ({v.Errors.Count()} error(s))";
        var languages = v.LanguagesRun.Count == 0 ? "" : $" [{string.Join(", ", v.LanguagesRun)}]";
        var warnings = v.Warnings.Any() ? $", {v.Warnings.Count()} warning(s)" : "";
        var alone = v.StepsRunAlone > 0 ? $", {v.StepsRunAlone} steps alone, {v.AnswersProved} answers proved" : "";
        return $"{v.Folder}{languages}: {v.CellsRun} cells, {v.ExercisesChecked} exercises{alone}, {v.Elapsed.TotalSeconds:0.0} s: {status}{warnings}";
    }
}
