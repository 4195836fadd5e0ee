using System.Diagnostics;
using ImmersiveLab.Labs;
using ImmersiveLab.Sql;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Messages;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Workbook.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Decides whether an exercise is solved, right after the learner's cell ran: every <c>check</c> runs in the
/// learner's own session (so it sees their tables, their SETs and their open transaction) and must return one
/// row whose first column is true; the <c>expect</c> query runs there too and its result must equal the result
/// of the learner's last statement, as a multiset of rows or in order. Checks run inside a transaction or
/// savepoint that is rolled back, so they leave no trace and an error in one never aborts the learner's transaction.
/// </summary>
public sealed class ExerciseChecker(
    SqlRunner runner,
    IOptions<WorkbookOptions> options,
    ILogger<ExerciseChecker> logger,
    WorkbookMetrics? metrics = null,
    ILabCatalog? catalog = null)
{
    private const string Savepoint = "imlab_check";

    /// <param name="labId">The lab of the cell, for the check's metric and span (labelled "other" when unknown).</param>
    public async Task<ExerciseCheckResult> CheckAsync(LearnerRef learner, SqlCell cell, CellRunResult learnerRun, CancellationToken ct, string? labId = null)
    {
        var labels = catalog is not null && labId is not null ? RunLabels.For(catalog, labId, cell) : new RunLabels(RunLabels.OtherLab, 0, RunLabels.KindOf(cell.Kind));
        using var span = WorkbookTelemetry.Source.StartActivity(WorkbookTelemetry.CheckSpan);
        if (span is not null) foreach (var tag in labels.Tags()) span.SetTag(tag.Key, tag.Value);
        var started = Stopwatch.GetTimestamp();
        var result = await CheckCoreAsync(learner, cell, learnerRun, ct);
        var outcome = result.Status switch
        {
            CheckStatus.Passed => "passed",
            CheckStatus.Failed => "failed",
            _ => "not_checked",
        };
        metrics?.Checked(labels, outcome, Stopwatch.GetElapsedTime(started));
        span?.SetTag(WorkbookTelemetry.OutcomeTag, outcome);
        return result;
    }

    private async Task<ExerciseCheckResult> CheckCoreAsync(LearnerRef learner, SqlCell cell, CellRunResult learnerRun, CancellationToken ct)
    {
        if (cell.Kind != SqlCellKind.Exercise || cell.Exercise is not { IsCheckable: true } exercise)
            throw new ArgumentException($"Cell '{cell.Id}' is not an exercise with a check or an expected result.", nameof(cell));

        if (learnerRun.Cancelled)
            return ExerciseCheckResult.NotChecked(cell.Id, CheckText.Of("Check_Cancelled"));
        if (learnerRun.Error is { } refused)
            return ExerciseCheckResult.NotChecked(cell.Id, CheckText.Of("Check_CellDidNotRun", (object?)refused.Text ?? refused.Message));
        if (learnerRun.Statements.FirstOrDefault(s => s.Error is not null) is { } failed)
            return ExerciseCheckResult.NotChecked(cell.Id, failed.Error!.Line is { } line
                ? CheckText.Of("Check_StatementFailedAtLine", failed.Index + 1, line)
                : CheckText.Of("Check_StatementFailed", failed.Index + 1));
        if (learnerRun.Transaction == TransactionStatus.Failed)
            return ExerciseCheckResult.NotChecked(cell.Id, CheckText.Of("Check_TransactionFailed"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.CheckTimeout);
        var inTransaction = learnerRun.Transaction == TransactionStatus.InTransaction;

        var checks = new List<CheckOutcome>();
        ExpectOutcome? expect = null;
        try
        {
            for (var i = 0; i < exercise.Checks.Count; i++)
            {
                var check = exercise.Checks[i];
                var result = await RunQuietlyAsync(learner, check.Sql, inTransaction, timeout.Token);
                var (passed, why) = Judge(result);
                checks.Add(new CheckOutcome(i + 1, check.Sql, check.Line, passed, why) { Says = passed ? null : Says(check, result) });
            }

            if (exercise.Expect is { } expected)
            {
                expect = await CompareAsync(learner, expected, learnerRun, inTransaction, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The checks' own time limit, spent waiting for a slot when a whole class runs heavy cells at once.
            logger.LogWarning("Exercise {Cell} of learner {Learner} could not be checked within {Limit}", cell.Id, learner.Id, options.Value.CheckTimeout);
            return ExerciseCheckResult.NotChecked(cell.Id, CheckText.Of("Check_Busy"));
        }

        var passedAll = checks.All(c => c.Passed) && expect?.Passed != false;
        var solved = CheckText.Of("Check_Solved");
        var message = passedAll
            ? solved.English()
            : checks.FirstOrDefault(c => !c.Passed) is { } first
                ? exercise.Checks.Count > 1 ? CheckText.Of("Check_Numbered", first.Number, first.Says ?? (object?)first.Text).English() : first.Message
                : expect!.Message;
        logger.LogDebug("Exercise {Cell} of learner {Learner}: {Status}", cell.Id, learner.Id, passedAll ? "passed" : "failed");
        return new ExerciseCheckResult(cell.Id, passedAll ? CheckStatus.Passed : CheckStatus.Failed, checks, expect, message)
        {
            Text = passedAll ? solved : null,
        };
    }

    private async Task<ExpectOutcome> CompareAsync(LearnerRef learner, ExpectedResult expected, CellRunResult learnerRun, bool inTransaction, CancellationToken ct)
    {
        var last = learnerRun.Statements.LastOrDefault();
        if (last is null)
            return new ExpectOutcome(expected.Order, expected.Line, false, CheckText.Of("Expect_NoStatement"));
        if (!last.HasRows)
            return new ExpectOutcome(expected.Order, expected.Line, false,
                CheckText.Of("Expect_NoRows", (object?)last.CommandTag ?? CheckText.Of("Expect_NoResult")));

        var result = await RunQuietlyAsync(learner, expected.Sql, inTransaction, ct);
        if (Failure(result) is { } failure)
            return new ExpectOutcome(expected.Order, expected.Line, false, CheckText.Of("Expect_CouldNotCompute", failure));
        var wanted = result.Statements[^1];
        if (!wanted.HasRows)
            return new ExpectOutcome(expected.Order, expected.Line, false, CheckText.Of("Expect_LabError"));
        if (last.Truncated || wanted.Truncated)
            return new ExpectOutcome(expected.Order, expected.Line, false, CheckText.Of("Expect_TooLarge", last.Rows.Count));

        var comparison = ResultComparer.Compare(QueryResult.From(wanted), QueryResult.From(last), expected.Order);
        return new ExpectOutcome(expected.Order, expected.Line, comparison.IsMatch,
            comparison.IsMatch ? null : CheckText.Of("Expect_Differs", comparison.Text))
        {
            Comparison = comparison,
        };
    }

    /// <summary>
    /// Runs SQL in the learner's session and undoes whatever it did: opened, run and undone in one run of the runner
    /// (one wait for a slot when the lab is busy, not three), with only the check's own statements in the result.
    /// When the check failed before its end, the undo runs on its own.
    /// </summary>
    private async Task<CellRunResult> RunQuietlyAsync(LearnerRef learner, string sql, bool inTransaction, CancellationToken ct)
    {
        var (open, close) = inTransaction
            ? ($"SAVEPOINT {Savepoint}", $"ROLLBACK TO SAVEPOINT {Savepoint}; RELEASE SAVEPOINT {Savepoint}")
            : ("BEGIN", "ROLLBACK");
        var opened = StatementSplitter.Split(open).Count;
        var closing = StatementSplitter.Split(close).Count;
        var own = StatementSplitter.Split(sql).Count;
        CellRunResult? run = null;
        try
        {
            run = await runner.RunAsync(learner, $"{open};\n{sql}\n;\n{close}", ct);
            if (run.Error is not null || run.Statements.Take(opened).Any(s => s.Error is not null)) return run;
            var statements = run.Statements.Skip(opened).Take(own).ToList();
            return run with { Statements = statements, Transaction = inTransaction ? TransactionStatus.InTransaction : TransactionStatus.Idle };
        }
        finally
        {
            var began = run is not null && run.Statements.Count >= opened && run.Statements.Take(opened).All(s => s.Error is null);
            var ended = run is not null && run.Succeeded && run.Statements.Count == opened + own + closing;
            if (began && !ended)
            {
                // Not cancellable: the learner's session must be back where it was even if the check timed out.
                var undone = await runner.RunAsync(learner, close, CancellationToken.None);
                if (!undone.Succeeded)
                    logger.LogWarning("Could not undo a check in the session of learner {Learner}: {Error}", learner.Id,
                        undone.Error?.Message ?? undone.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
            }
        }
    }

    private static (bool Passed, LabMessage? Why) Judge(CellRunResult result)
    {
        if (Failure(result) is { } failure) return (false, failure);
        var last = result.Statements[^1];
        if (!last.HasRows) return (false, CheckText.Of("Check_NotAQuery"));
        if (last.Rows.Count != 1) return (false, CheckText.Of("Check_RowCount", last.Rows.Count));
        return last.Rows[0][0] switch
        {
            true => (true, null),
            false => (false, CheckText.Of("Check_False")),
            null => (false, CheckText.Of("Check_Null")),
            var other => (false, CheckText.Of("Check_NotBoolean", PostgresText.Format(other))),
        };
    }

    /// <summary>The check's own message for the learner, filled with its row, when it ran and answered false or NULL.</summary>
    private static string? Says(ExerciseCheck check, CellRunResult result) =>
        check.Says is { } says && Failure(result) is null && result.Statements[^1] is { HasRows: true, Rows.Count: 1 } row && row.Rows[0][0] is false or null
            ? CheckSays.Fill(says, row)
            : null;

    private static LabMessage? Failure(CellRunResult result)
    {
        if (result.Cancelled) return CheckText.Of("Check_TimedOut");
        if (result.Error is { } e) return CheckText.Of("Check_Error", (object?)e.Text ?? e.Message);
        if (result.Statements.FirstOrDefault(s => s.Error is not null)?.Error is { } error) return CheckText.Of("Check_Error", (object?)error.Text ?? error.Message);
        if (result.Statements.Count == 0) return CheckText.Of("Check_NothingToRun");
        return null;
    }
}
