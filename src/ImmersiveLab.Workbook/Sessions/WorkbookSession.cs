using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Workbook;

/// <summary>
/// The workbook as one learner uses it in one circuit (scoped): runs cells (and checks exercises), replays a lab
/// up to a cell, resets the sandbox, records visits, time spent and edits, and keeps each cell's last result so
/// components only render. What changed is told where it belongs, so a view re-renders only for what it shows: each
/// cell's <see cref="CellState.Changed"/> (its run, wait, result, check, hints), <see cref="Progress"/> (visits, runs,
/// checks, time spent) and <see cref="StatusChanged"/> (the open transaction, a reset).
/// </summary>
public sealed class WorkbookSession(
    ILearnerContext currentLearner,
    SqlRunner runner,
    SandboxProvisioner provisioner,
    ProgressStore progress,
    CellEditStore edits,
    ExerciseChecker checker,
    KeptResults keptResults,
    IOptions<WorkbookOptions> options,
    TimeProvider time,
    ILogger<WorkbookSession> logger) : IAsyncDisposable
{
    private readonly Dictionary<(string Lab, string Cell), CellState> _cells = new();
    private readonly ActivityClock _clock = new(time, options.Value.ActivityGapLimit);
    private TransactionStatus _transaction;
    private LearnerRef? _learner;
    private (string Lab, int Step)? _position;
    private TimeSpan _unsaved;
    private bool _disposed;

    /// <summary>The session's transaction state or <see cref="IsResetting"/> changed.</summary>
    public event Action? StatusChanged;

    /// <summary>The learner's progress as this circuit knows it, kept up to date with what the session records.</summary>
    public SessionProgress Progress { get; } = new(time);

    public LearnerRef? Learner => _learner;

    /// <summary>The session's transaction state after the last run.</summary>
    public TransactionStatus Transaction
    {
        get => _transaction;
        private set
        {
            if (_transaction == value) return;
            _transaction = value;
            StatusChanged?.Invoke();
        }
    }

    public bool IsResetting { get; private set; }

    /// <summary>Where the learner is in this circuit (the step last opened).</summary>
    public (string LabId, int Step)? Position => _position;

    public async Task<LearnerRef> GetLearnerAsync(CancellationToken ct) =>
        _learner ??= await WorkbookUnavailableException.Guard(() => currentLearner.GetAsync(ct));

    public CellState State(string labId, string cellId)
    {
        if (!_cells.TryGetValue((labId, cellId), out var state)) _cells[(labId, cellId)] = state = new CellState(labId, cellId);
        return state;
    }

    /// <summary>The learner opened a step: the time since the last action goes to the step they were on.</summary>
    public Task OpenStepAsync(string labId, int step, CancellationToken ct) => WorkbookUnavailableException.Guard(async () =>
    {
        var learner = await GetLearnerAsync(ct);
        await RecordActivityAsync(ct, flush: true);
        _position = (labId, step);
        await progress.RecordVisitAsync(learner.Id, labId, step, ct);
        Progress.Visited(labId, step);
    });

    /// <summary>
    /// Lets go of the results of every cell outside <paramref name="cellIds"/> of <paramref name="labId"/> (the step
    /// on screen): a circuit keeps only what its page shows. Running cells keep theirs; checks and hints stay.
    /// </summary>
    public void ReleaseResultsExcept(string labId, IReadOnlySet<string> cellIds)
    {
        foreach (var ((lab, cell), state) in _cells)
            if (!state.IsRunning && (lab != labId || !cellIds.Contains(cell)) && state.LastRun is not null)
            {
                Show(state, null);
                state.NotifyChanged();
            }
    }

    /// <summary>
    /// Keeps a cell's result (or none), holding its bytes against the learner's result budget (Sandbox:MaxLearnerResultBytes)
    /// for as long as it is kept: what the page shows limits what the learner's next runs may keep.
    /// </summary>
    private void Show(CellState state, CellRunResult? result)
    {
        state.Kept?.Dispose();
        state.Kept = !_disposed && result is { ResultBytes: > 0 } && _learner is { } learner ? keptResults.Keep(learner.Id, result.ResultBytes) : null;
        state.LastRun = result;
    }

    /// <summary>Reads the lab's progress from the store (and refreshes <see cref="Progress"/> with it).</summary>
    public Task<LabProgress> GetProgressAsync(string labId, CancellationToken ct) => WorkbookUnavailableException.Guard(async () =>
    {
        var lab = await progress.GetLabAsync((await GetLearnerAsync(ct)).Id, labId, ct);
        Progress.Loaded(lab);
        return lab;
    });

    /// <summary>Where the learner was last, across circuits and restarts.</summary>
    public Task<LearnerPosition?> GetPositionAsync(CancellationToken ct) =>
        WorkbookUnavailableException.Guard(async () => await progress.GetPositionAsync((await GetLearnerAsync(ct)).Id, ct));

    /// <summary>Reads every lab's progress from the store (and refreshes <see cref="Progress"/> with it).</summary>
    public Task<IReadOnlyDictionary<string, LabProgress>> GetAllProgressAsync(CancellationToken ct) => WorkbookUnavailableException.Guard(async () =>
    {
        var all = await progress.GetAllAsync((await GetLearnerAsync(ct)).Id, ct);
        Progress.Loaded(all);
        return all;
    });

    /// <summary>The learner's version of every edited cell of a lab.</summary>
    public Task<IReadOnlyDictionary<string, string>> GetEditsAsync(string labId, CancellationToken ct) =>
        WorkbookUnavailableException.Guard(async () => await edits.GetLabAsync((await GetLearnerAsync(ct)).Id, labId, ct));

    public Task SaveEditAsync(string labId, SqlCell cell, string sql, CancellationToken ct)
    {
        if (!cell.IsEditable) throw new InvalidOperationException($"Cell '{cell.Id}' is read-only.");
        return WorkbookUnavailableException.Guard(async () =>
        {
            await edits.SaveAsync((await GetLearnerAsync(ct)).Id, labId, cell.Id, sql, cell.Sql, ct);
            await RecordActivityAsync(ct, flush: false);
        });
    }

    public Task ResetEditAsync(string labId, SqlCell cell, CancellationToken ct) => WorkbookUnavailableException.Guard(async () =>
    {
        await edits.DeleteAsync((await GetLearnerAsync(ct)).Id, labId, cell.Id, ct);
        await RecordActivityAsync(ct, flush: false);
    });

    /// <summary>
    /// Runs a cell in the learner's sandbox: their <paramref name="sql"/> for editable cells, the lab's text for
    /// read-only and setup cells. Exercises are checked afterwards; the run and the check are recorded.
    /// </summary>
    public Task<CellRun> RunCellAsync(string labId, SqlCell cell, string sql, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WorkbookUnavailableException.Guard(() => RunCellCoreAsync(labId, cell, sql, ct));
    }

    private async Task<CellRun> RunCellCoreAsync(string labId, SqlCell cell, string sql, CancellationToken ct)
    {
        var learner = await GetLearnerAsync(ct);
        var state = State(labId, cell.Id);
        if (state.IsRunning) throw new InvalidOperationException($"Cell '{cell.Id}' is already running.");
        var text = cell.IsEditable ? sql : cell.Sql;

        using var running = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The new result replaces the one shown: its bytes stop counting now, so a rerun gets the room it had.
        state.Kept?.Dispose();
        state.Kept = null;
        state.Running = running;
        state.IsRunning = true;
        state.NotifyChanged();
        try
        {
            CellRunResult result;
            try
            {
                result = await runner.RunAsync(learner, text, running.Token, WaitReporter(state));
            }
            catch (OperationCanceledException) when (running.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // Cancelled before a statement started (e.g. while the sandbox was being created).
                result = new CellRunResult { Cancelled = true, Transaction = Transaction };
            }
            Transaction = result.Transaction;
            ExerciseCheckResult? check = null;
            if (cell.Kind == SqlCellKind.Exercise && cell.Exercise is { IsCheckable: true })
                check = await checker.CheckAsync(learner, cell, result, CancellationToken.None, labId);
            var recorded = check is { Status: not CheckStatus.NotChecked } ? check : null;
            var checkMessage = recorded is { Passed: false } ? recorded.Message : null;

            // The run and its check in one round trip; what was written goes into Progress as is, not read back.
            await progress.RecordRunAsync(learner.Id, labId, cell.Id, FirstError(result), recorded?.Passed, checkMessage, CancellationToken.None);
            Progress.Ran(labId, cell.Id, FirstError(result), recorded?.Passed, checkMessage);
            Show(state, result);
            state.LastCheck = check;
            await RecordActivityAsync(CancellationToken.None, flush: true);
            return new CellRun(cell.Id, result, check);
        }
        finally
        {
            state.Running = null;
            state.IsRunning = false;
            state.Waiting = null;
            state.NotifyChanged();
        }
    }

    /// <summary>Shows the cell's queue position or "reconnecting" while its run waits. The first statement to start
    /// clears it: the runner reports nothing once it has a slot and a connection.</summary>
    private IProgress<RunWait> WaitReporter(CellState state) => new WaitProgress(w =>
    {
        if (!state.IsRunning) return;
        var waiting = w.Kind == RunWaitKind.Started ? null : w;
        if (waiting == state.Waiting) return;
        state.Waiting = waiting;
        state.NotifyChanged();
    });

    private sealed class WaitProgress(Action<RunWait> report) : IProgress<RunWait>
    {
        public void Report(RunWait value) => report(value);
    }

    /// <summary>Stops a running cell (or one waiting for the learner's session). Returns whether it was running.</summary>
    public bool Cancel(string labId, string cellId)
    {
        if (!_cells.TryGetValue((labId, cellId), out var state) || state.Running is not { } running) return false;
        try
        {
            running.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false; // it ended in the meantime
        }
        return true;
    }

    /// <summary>Runs every setup cell of a step, in order, stopping at the first that fails.</summary>
    public async Task<IReadOnlyList<CellRun>> RunSetupCellsAsync(string labId, LabStep step, CancellationToken ct)
    {
        var runs = new List<CellRun>();
        foreach (var cell in step.Cells.Where(c => c.Kind == SqlCellKind.Setup))
        {
            if (State(labId, cell.Id).IsRunning) continue;
            var run = await RunCellAsync(labId, cell, cell.Sql, ct);
            runs.Add(run);
            if (!IntendedOutcome.IsAsIntended(cell, run.Result)) break;
        }
        return runs;
    }

    /// <summary>
    /// Replays the lab from its first cell up to and including <paramref name="cellId"/>, each with the learner's
    /// own version (exercises included), to catch up after a sandbox reset. Stops at the first cell that fails.
    /// </summary>
    public async Task<RunAllOutcome> RunAllUpToAsync(string labId, LabDocument document, string cellId, CancellationToken ct)
    {
        var cells = document.Cells.ToList();
        var last = cells.FindIndex(c => c.Id == cellId);
        if (last < 0) throw new ArgumentException($"The lab has no cell '{cellId}'.", nameof(cellId));
        var learnerEdits = await GetEditsAsync(labId, ct);
        var ran = 0;
        foreach (var cell in cells.Take(last + 1))
        {
            ct.ThrowIfCancellationRequested();
            var sql = cell.IsEditable && learnerEdits.TryGetValue(cell.Id, out var edited) ? edited : cell.Sql;
            var run = await RunCellAsync(labId, cell, sql, ct);
            ran++;
            if (IntendedOutcome.Deviation(cell, run.Result) is { } failure)
                return new RunAllOutcome(ran, last + 1, cell.Id, failure);
        }
        return new RunAllOutcome(ran, last + 1, null, null);
    }

    /// <summary>Drops the learner's sandbox and makes a fresh copy. Progress and edits stay; shown results go.</summary>
    public Task ResetSandboxAsync(CancellationToken ct) => WorkbookUnavailableException.Guard(() => ResetSandboxCoreAsync(ct));

    private async Task ResetSandboxCoreAsync(CancellationToken ct)
    {
        var learner = await GetLearnerAsync(ct);
        IsResetting = true;
        foreach (var state in _cells.Values)
            try { state.Running?.Cancel(); } catch (ObjectDisposedException) { }
        StatusChanged?.Invoke();
        try
        {
            await provisioner.ResetAsync(learner, ct);
            foreach (var state in _cells.Values)
            {
                if (state.LastRun is null && state.LastCheck is null) continue;
                Show(state, null);
                state.LastCheck = null;
                state.NotifyChanged();
            }
            Transaction = TransactionStatus.Idle;
            logger.LogInformation("Learner {Learner} reset their sandbox", learner.Id);
        }
        finally
        {
            IsResetting = false;
            StatusChanged?.Invoke();
        }
    }

    /// <summary>Runs the lab's own SQL of a special block (a gallery's query) in the learner's session; not a cell run.</summary>
    public async Task<CellRunResult> RunBlockQueryAsync(SpecialBlock block, CancellationToken ct)
    {
        if (block.Kind != SpecialBlockKind.Gallery) throw new ArgumentException($"A {block.Kind} block has no query to run.", nameof(block));
        var result = await WorkbookUnavailableException.Guard(async () => await runner.RunAsync(await GetLearnerAsync(ct), block.Body, ct));
        Transaction = result.Transaction;
        return result;
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of one SELECT in the learner's session, as JSON text.</summary>
    public async Task<string> ExplainAsync(string sql, CancellationToken ct)
    {
        var result = await WorkbookUnavailableException.Guard(async () => await runner.ExplainAsync(await GetLearnerAsync(ct), sql, ct));
        Transaction = result.Transaction;
        if (result.Succeeded) return result.PlanJson!;
        throw new InvalidOperationException(result.Error?.Message ?? (result.Cancelled ? "Cancelled." : "EXPLAIN returned no plan."));
    }

    public void RevealNextHint(string labId, SqlCell cell)
    {
        var state = State(labId, cell.Id);
        var hints = cell.Exercise?.Hints.Count ?? 0;
        if (state.HintsShown < hints)
        {
            state.HintsShown++;
            state.NotifyChanged();
        }
    }

    public void RevealSolution(string labId, SqlCell cell)
    {
        if (cell.Exercise?.SolutionSql is null) return;
        var state = State(labId, cell.Id);
        state.SolutionShown = true;
        state.NotifyChanged();
    }

    /// <summary>Counts the time since the learner's last action towards the step they are on.</summary>
    public Task NoteActivityAsync(CancellationToken ct) => WorkbookUnavailableException.Guard(() => RecordActivityAsync(ct, flush: false));

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var state in _cells.Values)
        {
            try { state.Running?.Cancel(); } catch (ObjectDisposedException) { }
            state.Kept?.Dispose(); // the circuit's results go with it
            state.Kept = null;
        }
        try
        {
            await RecordActivityAsync(CancellationToken.None, flush: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The circuit is going away (maybe with the app): losing a few seconds of time spent is fine.
            logger.LogDebug(e, "Could not save the time spent at the end of the session");
        }
    }

    private async Task RecordActivityAsync(CancellationToken ct, bool flush)
    {
        var spent = _clock.Tick();
        if (_position is null) return;
        _unsaved += spent;
        if (_learner is null || (!flush && _unsaved < TimeSpan.FromSeconds(30)) || _unsaved < TimeSpan.FromSeconds(1)) return;
        var (lab, step) = _position.Value;
        var seconds = TimeSpan.FromSeconds(Math.Floor(_unsaved.TotalSeconds));
        await progress.AddTimeAsync(_learner.Id, lab, step, seconds, ct);
        _unsaved -= seconds;
        Progress.Spent(lab, step, seconds);
    }

    private static string? FirstError(CellRunResult result) =>
        result.Error?.Message ?? result.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message;
}
