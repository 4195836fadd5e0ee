using ImmersiveLab.Sandbox.Messages;
using System.Collections.Concurrent;
using System.Diagnostics;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Quota;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.Sandbox.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Runs a learner's cell in their sandbox, statement by statement, on their session's dedicated connection.
/// The web layer calls <see cref="RunAsync"/> (cancel with the token or <see cref="Cancel"/> from any tab),
/// and <see cref="ExplainAsync"/> for a plan.
/// </summary>
public sealed class SqlRunner(
    SessionRegistry sessions,
    SandboxProvisioner provisioner,
    RunAdmission admission,
    SandboxEvents events,
    LabServer server,
    SandboxQuota quota,
    BackendTerminator terminator,
    WatchdogActionLog watchdogActions,
    KeptResults keptResults,
    IOptions<SandboxOptions> options,
    ILogger<SqlRunner> logger,
    SandboxMetrics? metrics = null)
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private const string ExplainPrefix = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ";
    private readonly ConcurrentDictionary<Guid, DateTime> _lastTouch = new();
    private readonly ConcurrentDictionary<Guid, int> _pending = new();

    private SandboxOptions Limits => options.Value;

    /// <param name="wait">Told while the run waits for a free slot or for the database to come back.</param>
    public async Task<CellRunResult> RunAsync(LearnerRef learner, string sql, CancellationToken ct, IProgress<RunWait>? wait = null)
    {
        var stopwatch = Stopwatch.StartNew();
        sql ??= "";
        if (sql.Length > Limits.MaxCellChars)
            return Refused(SandboxText.Of("Run_CellTooLong", sql.Length, Limits.MaxCellChars));
        var statements = StatementSplitter.Split(sql);
        if (statements.Count > Limits.MaxStatementsPerCell)
            return Refused(SandboxText.Of("Run_TooManyStatements", statements.Count, Limits.MaxStatementsPerCell));
        if (statements.FirstOrDefault(s => s.Text.Length > Limits.MaxStatementChars) is { } tooLong)
            return Refused(SandboxText.Of("Run_StatementTooLong", tooLong.StartLine, tooLong.Text.Length, Limits.MaxStatementChars),
                tooLong);

        return await WithSessionAsync(learner, wait, ct, async (scope, connection, wasReset) =>
        {
            var session = scope.Session;
            var resetMessage = wasReset ? await DescribeEndAsync(learner, session.LastEnd) : null;
            var budget = new ResultBudget(Limits, keptResults.For(learner.Id));
            var executor = new StatementExecutor(Limits, budget, pid => terminator.EnsureGoneAsync(learner.Id, pid, CancellationToken.None), metrics);
            var results = new List<StatementResult>();
            var cancelled = false;
            var broken = false;
            var pid = session.BackendPid;
            var tracked = wasReset ? TransactionStatus.Idle : session.Transaction;
            for (var i = 0; i < statements.Count && !cancelled; i++)
            {
                var statement = statements[i];
                var treatment = QuotaStatementPolicy.Classify(statement);
                var readOnly = treatment == QuotaTreatment.ReadOnly && tracked != TransactionStatus.Failed && await OverQuotaAsync(learner.Id) is { } over
                    ? new ReadOnlyRun(tracked == TransactionStatus.InTransaction, over.Text)
                    : null;
                var startedAt = DateTime.UtcNow;
                var outcome = await executor.ExecuteAsync(session, connection, sql, statement, i, scope.Token, readOnly);
                if (treatment == QuotaTreatment.Frees) quota.Forget(learner.Id);
                var result = await ExplainLabStopAsync(NoteRolledBackCommit(outcome.Result, statement, tracked), learner, pid, startedAt);
                tracked = Track(tracked, statement, result.Error is not null);
                results.Add(result);
                cancelled = outcome.Cancelled;
                broken = outcome.ConnectionBroken;
                if (result.Error is not null || broken) break;
            }
            TransactionStatus status;
            if (broken)
            {
                await session.MarkBrokenAsync(results.LastOrDefault()?.Error?.SqlState);
                status = TransactionStatus.Idle;
            }
            else status = await ProbeOrIdleAsync(session, connection);
            session.Transaction = status;
            events.RaiseStatementsRan(new StatementsRan(learner.Id, statements.Take(results.Count).ToList(), wasReset));
            return new CellRunResult
            {
                Statements = results,
                Cancelled = cancelled,
                SessionWasReset = wasReset,
                SessionResetReason = resetMessage?.English(),
                SessionResetMessage = resetMessage,
                Transaction = status,
                Elapsed = stopwatch.Elapsed,
                ResultBytes = budget.CellBytes,
            };
        }, error => new CellRunResult { Error = error, Elapsed = stopwatch.Elapsed });
    }

    /// <summary>The sandbox's size if it is over its limit now (measured a moment ago at most), else null.</summary>
    private async Task<QuotaState?> OverQuotaAsync(Guid learnerId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return await quota.CheckAsync(learnerId, timeout.Token) is { IsOver: true } over ? over : null;
        }
        catch (OperationCanceledException)
        {
            return null; // the admin did not answer in time: the maintenance sweep still enforces the limit
        }
    }

    /// <summary>
    /// A statement the lab stopped (the watchdog or the size sweep cancelled it, or ended the session) says which limit
    /// it was, as the lab recorded it when it acted.
    /// </summary>
    private async Task<StatementResult> ExplainLabStopAsync(StatementResult result, LearnerRef learner, int pid, DateTime startedAt)
    {
        if (result.Error is not { } error) return result;
        var cancelledByLab = error.SqlState == SqlErrors.QueryCanceled && error.Message.StartsWith("Stopped by the lab's watchdog", StringComparison.Ordinal);
        if (!cancelledByLab && error.SqlState != PostgresErrorCodes.AdminShutdown) return result;
        var reason = await FindLabReasonAsync(learner, pid, startedAt, cancelledByLab ? WatchdogStep.Cancel : null);
        if (reason is null) return result;
        var said = SandboxText.Of(cancelledByLab ? "Run_WatchdogReason" : "Run_SessionEndedByLabHint", reason);
        return result with
        {
            Error = cancelledByLab
                ? error with { Message = said.English(), Text = said }
                : error with { Hint = said.English(), HintText = said },
        };
    }

    /// <summary>What the learner's next run says about a session that ended (null: nothing more than "it was lost").</summary>
    private async Task<LabMessage?> DescribeEndAsync(LearnerRef learner, SessionEndInfo? end)
    {
        switch (end?.End)
        {
            case SessionEnd.IdleTimeout:
                return SandboxText.Of("Reset_Idle", SandboxText.Duration(Limits.IdleSessionTimeout));
            case SessionEnd.ClosedWhileIdle:
                return SandboxText.Of("Reset_Idle", SandboxText.Duration(Limits.SessionIdleClose));
            case SessionEnd.IdleInTransactionTimeout:
                return SandboxText.Of("Reset_IdleInTransaction", SandboxText.Duration(Limits.IdleInTransactionTimeout));
            case SessionEnd.EndedByAdmin:
                var reason = await FindLabReasonAsync(learner, end.Pid, end.ConnectedAtUtc, null);
                return reason is null ? SandboxText.Of("Reset_EndedByAdmin") : SandboxText.Of("Reset_EndedByLab", reason);
            default:
                return null;
        }
    }

    private async Task<string?> FindLabReasonAsync(LearnerRef learner, int pid, DateTime since, WatchdogStep? step)
    {
        if (pid <= 0) return null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            // A minute of slack: the action's time is the metadata server's clock.
            return await watchdogActions.FindReasonAsync(SandboxNames.For(learner.Id).Role, pid, since - TimeSpan.FromMinutes(1), timeout.Token, step);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Cancels the learner's running cell or plan (whichever tab started it). Returns whether one was running.</summary>
    public bool Cancel(Guid learnerId) => sessions.Cancel(learnerId);

    /// <summary>
    /// Runs one SELECT as EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) in the learner's session (so their SETs apply),
    /// inside a read-only transaction or savepoint that is rolled back afterwards. Anything else is refused.
    /// </summary>
    public async Task<ExplainResult> ExplainAsync(LearnerRef learner, string sql, CancellationToken ct, IProgress<RunWait>? wait = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var (statement, refusal) = ExplainGuard.Check(sql ?? "");
        if (statement is null)
            return new ExplainResult { Error = SqlErrors.Simple(refusal!, PostgresErrorCodes.FeatureNotSupported), Elapsed = stopwatch.Elapsed };
        if (statement.Text.Length > Limits.MaxStatementChars)
            return new ExplainResult { Error = SqlErrors.Simple(SandboxText.Of("Run_QueryTooLong", statement.Text.Length, Limits.MaxStatementChars)), Elapsed = stopwatch.Elapsed };

        return await WithSessionAsync(learner, wait, ct, async (scope, connection, wasReset) =>
        {
            var session = scope.Session;
            var before = wasReset ? TransactionStatus.Idle : session.Transaction;
            if (before == TransactionStatus.Failed)
                return new ExplainResult
                {
                    Error = SqlErrors.Simple(SandboxText.Of("Run_ExplainAfterFailure"), PostgresErrorCodes.InFailedSqlTransaction),
                    Transaction = before, SessionWasReset = wasReset, Elapsed = stopwatch.Elapsed,
                };
            var inBlock = before == TransactionStatus.InTransaction;
            var notices = new List<SqlNotice>();
            string? plan = null;
            SqlError? error = null;
            var cancelled = false;
            var broken = false;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
            deadline.CancelAfter(Limits.ClientDeadline);
            try
            {
                await ExecAsync(connection, inBlock
                    ? "SAVEPOINT imlab_explain; SET LOCAL transaction_read_only = on"
                    : "BEGIN READ ONLY", CancellationToken.None);
                session.CollectNotices(notices);
                try
                {
                    await using var cmd = new NpgsqlCommand(ExplainPrefix + statement.Text, connection);
                    plan = await cmd.ExecuteScalarAsync(deadline.Token) as string;
                }
                catch (OperationCanceledException)
                {
                    cancelled = scope.Token.IsCancellationRequested;
                    error = cancelled
                        ? SqlErrors.Simple(SandboxText.Of("Run_Cancelled"), SqlErrors.QueryCanceled, statement)
                        : SqlErrors.Simple(SandboxText.Of("Run_Deadline", Limits.ClientDeadline.TotalSeconds), SqlErrors.QueryCanceled, statement);
                }
                catch (PostgresException e)
                {
                    error = SqlErrors.FromServer(e, sql!, statement, ExplainPrefix.Length);
                }
                finally
                {
                    await session.PendingCancel;
                    session.CollectNotices(null);
                }
                await ExecAsync(connection, inBlock
                    ? "ROLLBACK TO SAVEPOINT imlab_explain; RELEASE SAVEPOINT imlab_explain"
                    : "ROLLBACK", CancellationToken.None);
            }
            catch (NpgsqlException e)
            {
                broken = true;
                error ??= SqlErrors.Simple(SandboxText.Of("Run_ConnectionLost", e.Message), PostgresErrorCodes.ConnectionFailure, statement);
            }
            if (broken || connection.State != System.Data.ConnectionState.Open)
            {
                await session.MarkBrokenAsync(error?.SqlState);
                session.Transaction = TransactionStatus.Idle;
                await terminator.EnsureGoneAsync(learner.Id, session.BackendPid, CancellationToken.None);
            }
            else session.Transaction = await ProbeOrIdleAsync(session, connection);
            if (wasReset) events.RaiseStatementsRan(new StatementsRan(learner.Id, [], SessionWasReset: true));
            return new ExplainResult
            {
                PlanJson = plan, Error = error, Notices = notices, Cancelled = cancelled, SessionWasReset = wasReset,
                Transaction = session.Transaction, Elapsed = stopwatch.Elapsed,
            };
        }, error => new ExplainResult { Error = error, Elapsed = stopwatch.Elapsed });
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the learner's session held (other tabs wait), a slot of the server's capacity
    /// (others queue), and the session's connection open (reconnecting for a while if the database went away).
    /// </summary>
    internal async Task<T> WithSessionAsync<T>(
        LearnerRef learner, IProgress<RunWait>? wait, CancellationToken ct,
        Func<SqlSession.RunScope, NpgsqlConnection, bool, Task<T>> work,
        Func<SqlError, T> unavailable)
    {
        if (_pending.AddOrUpdate(learner.Id, 1, (_, n) => n + 1) > Limits.MaxPendingRunsPerLearner)
        {
            EndPending(learner.Id);
            return unavailable(SqlErrors.Simple(SandboxText.Of("Run_TooManyPending", Limits.MaxPendingRunsPerLearner),
                PostgresErrorCodes.TooManyConnections));
        }
        var tracked = wait is null ? null : new TrackedWait(wait);
        wait = tracked;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var session = sessions.GetOrCreate(learner.Id);
                SqlSession.RunScope scope;
                try
                {
                    scope = await session.BeginRunAsync(ct);
                }
                catch (ObjectDisposedException) when (attempt < 3)
                {
                    continue; // closed by a reset in the meantime: the registry makes a new one
                }
                await using (scope)
                {
                    IDisposable slot;
                    try
                    {
                        slot = await admission.EnterAsync(wait, scope.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested && scope.CancelRequested)
                    {
                        return unavailable(SqlErrors.Simple(SandboxText.Of("Run_CancelledWaiting"), SqlErrors.QueryCanceled));
                    }
                    catch (RunQueueTimeoutException e)
                    {
                        logger.LogWarning("Run of learner {Learner} waited {Waited} for a slot; refused", learner.Id, e.Waited);
                        return unavailable(SqlErrors.Simple(SandboxText.Of("Run_Busy", e.Waited.TotalSeconds), PostgresErrorCodes.TooManyConnections,
                            hint: SandboxText.Of("Run_BusyHint")));
                    }
                    using (slot)
                    {
                        NpgsqlConnection connection;
                        bool wasReset;
                        try
                        {
                            using var connecting = SandboxTelemetry.Source.StartActivity(SandboxTelemetry.ConnectSpan);
                            (connection, wasReset) = await ConnectAsync(session, learner, wait, scope.Token);
                        }
                        catch (OperationCanceledException) when (!ct.IsCancellationRequested && scope.CancelRequested)
                        {
                            return unavailable(SqlErrors.Simple(SandboxText.Of("Run_Cancelled"), SqlErrors.QueryCanceled));
                        }
                        catch (Exception e) when (e is NpgsqlException or LabUnavailableException)
                        {
                            logger.LogWarning(e, "Could not open the sandbox session of learner {Learner}", learner.Id);
                            return unavailable(SqlErrors.Simple(SandboxText.Of("Run_Unavailable", e.Message), PostgresErrorCodes.ConnectionFailure,
                                hint: SandboxText.Of("Run_UnavailableHint")));
                        }
                        await TouchAsync(learner.Id);
                        tracked?.Started();
                        return await work(scope, connection, wasReset);
                    }
                }
            }
        }
        finally
        {
            EndPending(learner.Id);
        }
    }

    /// <summary>Opens the session's connection; while the database is unreachable (restarting, say), keeps trying
    /// within Sandbox:ReconnectWindow and tells <paramref name="wait"/> so the learner sees "reconnecting".</summary>
    private async Task<(NpgsqlConnection Connection, bool WasReset)> ConnectAsync(
        SqlSession session, LearnerRef learner, IProgress<RunWait>? wait, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (connection, wasReset) = await session.GetConnectionAsync(ct);
                // The session's connection had died. If the server restarted, so did every idle connection in the app's
                // pools, and the next progress write would fail on one: drop them now rather than one failure at a time.
                if (wasReset) server.ClearPools();
                return (connection, wasReset);
            }
            catch (Exception e) when (ServerUnreachable.Is(e) && clock.Elapsed < Limits.ReconnectWindow && !ct.IsCancellationRequested)
            {
                if (attempt == 1) logger.LogInformation("The sandbox of learner {Learner} is unreachable ({Message}); retrying", learner.Id, e.Message);
                wait?.Report(new RunWait(RunWaitKind.Reconnecting, 0, 0, clock.Elapsed));
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 200 * attempt)), ct);
            }
        }
    }

    /// <summary>Passes waits on, and "started" once at the end of a wait (so nothing is sent for runs that never waited).</summary>
    private sealed class TrackedWait(IProgress<RunWait> inner) : IProgress<RunWait>
    {
        private RunWait? _last;

        public void Report(RunWait value)
        {
            _last = value;
            inner.Report(value);
        }

        public void Started()
        {
            if (_last is { } last) inner.Report(new RunWait(RunWaitKind.Started, 0, 0, last.Elapsed));
            _last = null;
        }
    }

    private void EndPending(Guid learnerId)
    {
        if (_pending.AddOrUpdate(learnerId, 0, (_, n) => n - 1) <= 0) _pending.TryRemove(new KeyValuePair<Guid, int>(learnerId, 0));
    }

    private async Task<TransactionStatus> ProbeOrIdleAsync(SqlSession session, NpgsqlConnection connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return await TransactionProbe.ProbeAsync(connection, timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            await session.MarkBrokenAsync();
            return TransactionStatus.Idle;
        }
    }

    private async Task TouchAsync(Guid learnerId)
    {
        var now = DateTime.UtcNow;
        if (_lastTouch.TryGetValue(learnerId, out var last) && now - last < TouchEvery) return;
        _lastTouch[learnerId] = now;
        try
        {
            await provisioner.TouchAsync(learnerId, CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Could not record sandbox use of learner {Learner}", learnerId);
        }
    }

    /// <summary>The server answers COMMIT of a failed transaction with ROLLBACK and no message: say it.</summary>
    private static StatementResult NoteRolledBackCommit(StatementResult result, SqlStatement statement, TransactionStatus before)
    {
        if (result.Error is not null || before != TransactionStatus.Failed || statement.FirstWord is not ("COMMIT" or "END")) return result;
        return result with
        {
            CommandTag = "ROLLBACK",
            Notices = [.. result.Notices, new SqlNotice("WARNING", "The transaction had failed, so COMMIT rolled it back: none of its changes were kept.", null, null)],
        };
    }

    private static TransactionStatus Track(TransactionStatus status, SqlStatement statement, bool failed)
    {
        if (failed) return status == TransactionStatus.Idle ? TransactionStatus.Idle : TransactionStatus.Failed;
        var words = statement.LeadingWords;
        return statement.FirstWord switch
        {
            "BEGIN" or "START" => TransactionStatus.InTransaction,
            "COMMIT" or "END" or "ABORT" when !words.Contains("CHAIN") => TransactionStatus.Idle,
            "ROLLBACK" when words.Count < 2 || words[1] is not ("TO" or "PREPARED") && !words.Contains("CHAIN") => TransactionStatus.Idle,
            "ROLLBACK" when words.Count >= 2 && words[1] == "TO" && status == TransactionStatus.Failed => TransactionStatus.InTransaction,
            _ => status,
        };
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static CellRunResult Refused(LabMessage message, SqlStatement? statement = null) =>
        new() { Error = SqlErrors.Simple(message, PostgresErrorCodes.ProgramLimitExceeded, statement) };
}
