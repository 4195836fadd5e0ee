using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Runs one step alone, as a learner who opens it directly (a bookmark, the instructor's "everyone to step 7", after a
/// reset) finds it: a fresh sandbox, the step opened (its setup cells, then the galleries that run on open), then every
/// cell in order with every exercise's solution and checks. Before each exercise's solution it proves the checks:
/// in the state the learner has on reaching the exercise, the untouched exercise and each <c>wrong</c> answer must not
/// be solved, each <c>variant</c> must be. Answers run in a transaction that is rolled back when their SQL allows it,
/// else each in the state made again in a fresh sandbox.
/// </summary>
internal sealed class StepVerifier(SqlRunner runner, ExerciseChecker checker, VerificationSandbox sandbox, LabDocument document, List<VerificationProblem> problems)
{
    private sealed record Answer(string Kind, string Sql, string Why, int Line);

    private sealed record Outcome(CellRunResult Run, ExerciseCheckResult Check)
    {
        public (int Line, string Message)? Error(int fenceLine, string what) => BlockVerifier.Problem(Run, fenceLine, what);
    }

    public int Cells { get; private set; }

    public int Exercises { get; private set; }

    /// <summary>Answers proved: untouched exercises, wrong answers and variants.</summary>
    public int Proofs { get; private set; }

    public async Task VerifyAsync(LabStep step, CancellationToken ct)
    {
        var blocks = Verifier(step);
        await sandbox.FreshAsync(ct);
        if (!await OpenAsync(step, blocks, withGalleries: true, ct)) return;

        var items = step.Blocks.Where(b => b is SqlCell or SpecialBlock).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var block = items[i];
            if (block is SqlCell { Kind: SqlCellKind.Setup }) continue;                                 // ran when the step opened
            if (block is SpecialBlock { Kind: SpecialBlockKind.Gallery } && step.RunsOnOpen(block)) continue; // so did this gallery
            if (block is SqlCell cell)
            {
                Cells++;
                if (cell.Kind == SqlCellKind.Exercise)
                {
                    Exercises++;
                    await ProveAsync(step, cell, blocks, ct);
                }
            }
            if (await blocks.RunAsync(block, checkBeforeSolution: false, ct)) continue;
            var rest = items.Count - i - 1;
            if (rest > 0)
                blocks.Add(block.Line, null, $"stopped here: the {rest} cell(s) and block(s) after this one were not run", ProblemSeverity.Warning);
            return;
        }
    }

    private BlockVerifier Verifier(LabStep step, List<VerificationProblem>? into = null) =>
        new(runner, checker, sandbox.Learner, document, into ?? problems) { Context = $"step {step.Number} alone" };

    /// <summary>What the workbook does when the step opens: its setup cells in order, then the galleries that need nothing else.</summary>
    private static async Task<bool> OpenAsync(LabStep step, BlockVerifier blocks, bool withGalleries, CancellationToken ct)
    {
        foreach (var setup in step.Cells.Where(c => c.Kind == SqlCellKind.Setup))
            if (!await blocks.RunCellAsync(setup, ct, "setup cell"))
                return false;
        if (!withGalleries) return true;
        var ok = true;
        foreach (var gallery in step.SpecialBlocks.Where(b => b.Kind == SpecialBlockKind.Gallery && step.RunsOnOpen(b)))
            ok &= await blocks.RunSpecialAsync(gallery, ct);
        return ok;
    }

    private async Task ProveAsync(LabStep step, SqlCell cell, BlockVerifier blocks, CancellationToken ct)
    {
        var exercise = cell.Exercise!;
        var answers = new List<Answer> { new("untouched", cell.Sql, "", cell.Line) };
        answers.AddRange(exercise.WrongAnswers.Select(w => new Answer("wrong", w.Sql, w.Why, w.Line)));
        answers.AddRange(exercise.Variants.Select(v => new Answer("variant", v.Sql, v.Why, v.Line)));
        var rollBack = answers.Select(a => a.Sql).Append(exercise.SolutionSql ?? "").All(TransactionSafety.CanRollBack)
            && await SessionIsIdleAsync(ct);
        var stateLost = false; // the sandbox holds an answer (proved outside a transaction), not the state before the exercise

        foreach (var answer in answers)
        {
            Proofs++;
            Outcome outcome;
            if (rollBack)
            {
                if (stateLost && !await RestoreAsync(step, cell, blocks, ct)) return;
                stateLost = false;
                outcome = await InTransactionAsync(cell, answer.Sql, ct);
                if (answer.Kind == "wrong" && outcome.Check.Passed)
                {
                    // Something an earlier answer left outside the transaction (statistics counters) may have decided it.
                    stateLost = true;
                    if (await InFreshStateAsync(step, cell, answer.Sql, blocks, ct) is not { } fresh) return;
                    outcome = fresh;
                }
            }
            else
            {
                stateLost = true;
                if (await InFreshStateAsync(step, cell, answer.Sql, blocks, ct) is not { } fresh) return;
                outcome = fresh;
            }
            Judge(cell, answer, outcome, blocks);
        }

        // Back to the state before the exercise, for its solution and the rest of the step.
        if (stateLost) await RestoreAsync(step, cell, blocks, ct);
    }

    private async Task<bool> RestoreAsync(LabStep step, SqlCell cell, BlockVerifier blocks, CancellationToken ct)
    {
        await sandbox.FreshAsync(ct);
        return await ReplayUpToAsync(step, cell, blocks, ct);
    }

    private void Judge(SqlCell cell, Answer answer, Outcome outcome, BlockVerifier blocks)
    {
        var name = answer.Why.Length > 0 ? $"{answer.Kind} answer \"{answer.Why}\"" : $"{answer.Kind} answer";
        var error = outcome.Error(answer.Line, answer.Kind == "untouched" ? "starting text" : name);
        switch (answer.Kind)
        {
            case "untouched" when outcome.Check.Passed:
                blocks.Add(cell.Line, cell.Id,
                    "the untouched exercise is already solved where the learner reaches it (the step's setup and the cells before it): the checks must fail until the exercise is done");
                break;
            case "untouched" when error is { } e:
                blocks.Add(e.Line, cell.Id, $"{e.Message} where the learner reaches the exercise", ProblemSeverity.Warning);
                break;
            case "wrong" when error is { } e:
                blocks.Add(e.Line, cell.Id, $"{e.Message}: a wrong answer must run, so that the checks (not an error) reject it");
                break;
            case "wrong" when outcome.Check.Passed:
                blocks.Add(answer.Line, cell.Id, $"{name} is accepted: every check passes after it, so the checks do not prove the learning");
                break;
            case "variant" when error is { } e:
                blocks.Add(e.Line, cell.Id, $"{e.Message}: a variant is a correct answer and must run");
                break;
            case "variant" when !outcome.Check.Passed:
                blocks.Add(answer.Line, cell.Id, $"{name} is rejected, but it is a correct answer: {outcome.Check.Message}");
                break;
        }
    }

    private async Task<bool> SessionIsIdleAsync(CancellationToken ct) =>
        (await runner.RunAsync(sandbox.Learner, "SELECT 1", ct)).Transaction == TransactionStatus.Idle;

    private async Task<Outcome> InTransactionAsync(SqlCell cell, string sql, CancellationToken ct)
    {
        var begun = await runner.RunAsync(sandbox.Learner, "BEGIN", ct);
        if (!begun.Succeeded) return new Outcome(begun, ExerciseCheckResult.NotChecked(cell.Id, CheckText.Of("Check_Error", "BEGIN failed")));
        try
        {
            var run = await runner.RunAsync(sandbox.Learner, sql, ct);
            return new Outcome(run, await checker.CheckAsync(sandbox.Learner, cell, run, ct));
        }
        finally
        {
            await runner.RunAsync(sandbox.Learner, "ROLLBACK", CancellationToken.None);
        }
    }

    private async Task<Outcome?> InFreshStateAsync(LabStep step, SqlCell cell, string sql, BlockVerifier blocks, CancellationToken ct)
    {
        await sandbox.FreshAsync(ct);
        if (!await ReplayUpToAsync(step, cell, blocks, ct)) return null;
        var run = await runner.RunAsync(sandbox.Learner, sql, ct);
        return new Outcome(run, await checker.CheckAsync(sandbox.Learner, cell, run, ct));
    }

    /// <summary>Makes again, in a fresh sandbox, the state before <paramref name="cell"/>: the step's setup and the cells above it.</summary>
    private async Task<bool> ReplayUpToAsync(LabStep step, SqlCell cell, BlockVerifier blocks, CancellationToken ct)
    {
        var replay = new List<VerificationProblem>();
        var quiet = new BlockVerifier(runner, checker, sandbox.Learner, document, replay);
        var ok = await OpenAsync(step, quiet, withGalleries: false, ct);
        foreach (var before in step.Cells.TakeWhile(c => !ReferenceEquals(c, cell)).Where(c => c.Kind != SqlCellKind.Setup))
        {
            if (!ok) break;
            ok = before.Kind == SqlCellKind.Exercise
                ? await quiet.RunSolutionAsync(before, checkBeforeSolution: false, ct)
                : await quiet.RunCellAsync(before, ct);
        }
        if (ok) return true;
        foreach (var problem in replay)
            blocks.Add(problem.Line, cell.Id, $"making the state before the exercise again failed ({problem.Message})");
        return false;
    }
}
