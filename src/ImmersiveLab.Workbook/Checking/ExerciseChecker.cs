using System.Diagnostics;
using ImmersiveLab.Labs;
using ImmersiveLab.Sql;
using ImmersiveLab.Sandbox.Execution;
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
            return ExerciseCheckResult.NotChecked(cell.Id, "The run was cancelled, so the exercise was not checked.");
        if (learnerRun.Error is { } refused)
            return ExerciseCheckResult.NotChecked(cell.Id, $"The cell did not run ({refused.Message}), so the exercise was not checked.");
        if (learnerRun.Statements.FirstOrDefault(s => s.Error is not null) is { } failed)
            return ExerciseCheckResult.NotChecked(cell.Id,
                $"Statement {failed.Index + 1} failed{(failed.Error!.Line is { } line ? $" (line {line})" : "")}: fix it first; the exercise is checked when every statement succeeds.");
        if (learnerRun.Transaction == TransactionStatus.Failed)
            return ExerciseCheckResult.NotChecked(cell.Id, "Your transaction has failed: run ROLLBACK, then run the cell again.");

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
                checks.Add(new CheckOutcome(i + 1, check.Sql, check.Line, passed, why));
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
            return ExerciseCheckResult.NotChecked(cell.Id, "The lab was too busy to check your answer in time: run the cell again in a moment.");
        }

        var passedAll = checks.All(c => c.Passed) && expect?.Passed != false;
        var message = passedAll
            ? "Solved: every check passed."
            : string.Join(" ", checks.Where(c => !c.Passed).Select(c => exercise.Checks.Count > 1 ? $"Check {c.Number}: {c.Message}" : c.Message)
                .Concat(expect is { Passed: false } e ? [e.Message] : []));
        logger.LogDebug("Exercise {Cell} of learner {Learner}: {Status}", cell.Id, learner.Id, passedAll ? "passed" : "failed");
        return new ExerciseCheckResult(cell.Id, passedAll ? CheckStatus.Passed : CheckStatus.Failed, checks, expect, message);
    }

    private async Task<ExpectOutcome> CompareAsync(LearnerRef learner, ExpectedResult expected, CellRunResult learnerRun, bool inTransaction, CancellationToken ct)
    {
        var last = learnerRun.Statements.LastOrDefault();
        if (last is null)
            return new ExpectOutcome(expected.Order, expected.Line, false, "The cell has no statement yet: write a query whose result can be compared.");
        if (!last.HasRows)
            return new ExpectOutcome(expected.Order, expected.Line, false,
                $"The last statement ({last.CommandTag ?? "no result"}) returned no rows to compare: end the cell with the query that answers the task.");

        var result = await RunQuietlyAsync(learner, expected.Sql, inTransaction, ct);
        if (Failure(result) is { } failure)
            return new ExpectOutcome(expected.Order, expected.Line, false, $"The expected result could not be computed: {failure}");
        var wanted = result.Statements[^1];
        if (!wanted.HasRows)
            return new ExpectOutcome(expected.Order, expected.Line, false, "The expected query returned no rows (a lab error: its last statement must be a query).");
        if (last.Truncated || wanted.Truncated)
            return new ExpectOutcome(expected.Order, expected.Line, false,
                $"The result is too large to compare (more than the {last.Rows.Count:N0} rows kept): narrow the query down.");

        var comparison = ResultComparer.Compare(QueryResult.From(wanted), QueryResult.From(last), expected.Order);
        return new ExpectOutcome(expected.Order, expected.Line, comparison.IsMatch,
            comparison.IsMatch ? "" : "The result differs from the expected one: " + comparison.Difference + ".");
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

    private static (bool Passed, string Why) Judge(CellRunResult result)
    {
        if (Failure(result) is { } failure) return (false, failure);
        var last = result.Statements[^1];
        if (!last.HasRows) return (false, "The check returned no result (a lab error: a check is a query).");
        if (last.Rows.Count != 1) return (false, $"The check returned {last.Rows.Count} rows instead of one.");
        return last.Rows[0][0] switch
        {
            true => (true, ""),
            false => (false, "Not yet: the check returned false."),
            null => (false, "Not yet: the check returned NULL."),
            var other => (false, $"The check's first column is {PostgresText.Format(other)}, not true or false."),
        };
    }

    private static string? Failure(CellRunResult result)
    {
        if (result.Cancelled) return "it was cancelled or took too long.";
        if (result.Error is { } e) return e.Message;
        if (result.Statements.FirstOrDefault(s => s.Error is not null)?.Error is { } error) return error.Message;
        if (result.Statements.Count == 0) return "there was no statement to run.";
        return null;
    }
}
