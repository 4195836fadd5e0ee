using ImmersiveLab.Sandbox.Execution;
using Npgsql;

namespace ImmersiveLab.Sandbox.Sessions;

/// <summary>
/// One learner's dedicated connection, shared by all their tabs, so that session state (SET, temp tables, an open
/// transaction) carries from cell to cell as in psql. Runs on it are serialized; a dead connection is reopened on
/// the next run, which then reports that session state was lost.
/// </summary>
public sealed class SqlSession : IAsyncDisposable
{
    private readonly SessionConnector _connector;
    private readonly SemaphoreSlim _runLock = new(1, 1);
    private readonly object _cancelGate = new();
    private NpgsqlDataSource? _dataSource;
    private NpgsqlConnection? _connection;
    private CancellationTokenSource? _currentRun;
    private Task _pendingCancel = Task.CompletedTask;
    private List<SqlNotice>? _noticeSink;
    private int _droppedNotices;
    private bool _hadConnection;
    // A side read reopened a lost connection: the learner's next run must still hear that session state was lost.
    private bool _resetUnreported;
    private bool _disposed;
    private DateTime _connectedAtUtc;

    internal SqlSession(Guid learnerId, SessionConnector connector, SessionEnd? previousEnd = null)
    {
        LearnerId = learnerId;
        _connector = connector;
        _hadConnection = previousEnd is not null;
        if (previousEnd is { } end) LastEnd = new SessionEndInfo(end, 0, DateTime.UtcNow);
    }

    /// <summary>How the last connection that was lost ended (what the learner's next run says about it).</summary>
    internal SessionEndInfo? LastEnd { get; private set; }

    /// <summary>The server process of the open connection (0 before the first).</summary>
    internal int BackendPid { get; private set; }

    internal DateTime ConnectedAtUtc => _connectedAtUtc;

    public Guid LearnerId { get; }
    /// <summary>The transaction state after the last run (Idle before the first).</summary>
    public TransactionStatus Transaction { get; internal set; }
    public bool IsBusy => _runLock.CurrentCount == 0;
    public bool IsConnected => _connection?.State == System.Data.ConnectionState.Open;
    public DateTime LastUsedUtc { get; private set; } = DateTime.UtcNow;
    internal int MaxNotices { get; set; } = 100;

    /// <summary>Waits for the session (runs are serialized per learner) and starts a run that can be cancelled.</summary>
    internal async Task<RunScope> BeginRunAsync(CancellationToken ct)
    {
        await _runLock.WaitAsync(ct);
        if (_disposed)
        {
            _runLock.Release();
            throw new ObjectDisposedException(nameof(SqlSession), "The session was closed (its sandbox was reset or dropped).");
        }
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lock (_cancelGate) _currentRun = cts;
        LastUsedUtc = DateTime.UtcNow;
        return new RunScope(this, cts);
    }

    /// <summary>Starts a run only if the session is free right now (no cell of the learner's is running or waiting); else null.</summary>
    internal async Task<RunScope?> TryBeginRunAsync()
    {
        if (!await _runLock.WaitAsync(TimeSpan.Zero)) return null;
        if (_disposed)
        {
            _runLock.Release();
            return null;
        }
        var cts = new CancellationTokenSource();
        lock (_cancelGate) _currentRun = cts;
        LastUsedUtc = DateTime.UtcNow;
        return new RunScope(this, cts);
    }

    /// <summary>Cancels the running cell, if any. Safe from any thread; returns whether one was running.</summary>
    public bool Cancel()
    {
        lock (_cancelGate)
        {
            if (_currentRun is not { IsCancellationRequested: false } run) return false;
            // Npgsql sends the cancel request from the token callback; run it off the caller's thread and let the
            // run wait for it before disposing its command (disposing during a cancel is an Npgsql race).
            _pendingCancel = run.CancelAsync();
            return true;
        }
    }

    /// <summary>
    /// The open connection, reopened if it died. WasReset: an earlier connection was lost. A <paramref name="sideRead"/>
    /// (not a learner's run) leaves the news of a loss for the learner's next run.
    /// </summary>
    internal async Task<(NpgsqlConnection Connection, bool WasReset)> GetConnectionAsync(CancellationToken ct, bool sideRead = false)
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open)
        {
            var (alive, endState) = await IsAliveAsync(open, ct);
            if (alive) return (open, !sideRead && TakeUnreportedReset());
            NoteEnd(endState); // e.g. the server closed it for being idle
        }
        await CloseConnectionAsync();
        // The connector disposes a data source it could not use: never keep one across a failed open.
        var reusable = _dataSource;
        _dataSource = null;
        var (dataSource, connection) = await _connector.OpenAsync(LearnerId, reusable, ct);
        _dataSource = dataSource;
        connection.Notice += OnNotice;
        _connection = connection;
        BackendPid = connection.ProcessID;
        _connectedAtUtc = DateTime.UtcNow;
        var wasReset = _hadConnection;
        _hadConnection = true;
        Transaction = TransactionStatus.Idle;
        if (sideRead)
        {
            _resetUnreported |= wasReset;
            return (connection, wasReset);
        }
        return (connection, TakeUnreportedReset() | wasReset);
    }

    private bool TakeUnreportedReset()
    {
        var unreported = _resetUnreported;
        _resetUnreported = false;
        return unreported;
    }

    /// <summary>The connection broke during a run: forget it (the next run reconnects and says so, with the reason
    /// the server gave, e.g. 57P01 when the watchdog ended it).</summary>
    internal async Task MarkBrokenAsync(string? sqlState = null)
    {
        if (_connection is not null) NoteEnd(sqlState);
        await CloseConnectionAsync();
    }

    private void NoteEnd(string? sqlState) =>
        LastEnd = new SessionEndInfo(sqlState switch
        {
            "57P05" => SessionEnd.IdleTimeout, // idle_session_timeout
            "25P03" => SessionEnd.IdleInTransactionTimeout,
            "57P01" => SessionEnd.EndedByAdmin, // pg_terminate_backend: the watchdog, or someone by hand
            _ => SessionEnd.Lost,
        }, BackendPid, _connectedAtUtc);

    internal void CollectNotices(List<SqlNotice>? sink)
    {
        _noticeSink = sink;
        _droppedNotices = 0;
    }

    internal int DroppedNotices => _droppedNotices;

    internal Task PendingCancel
    {
        get { lock (_cancelGate) return _pendingCancel; }
    }

    /// <summary>Closes the connection; a running cell is cancelled first and waited for.</summary>
    internal async Task CloseAsync(TimeSpan wait)
    {
        Cancel();
        var acquired = await _runLock.WaitAsync(wait);
        try
        {
            _disposed = true;
            await CloseConnectionAsync();
            if (_dataSource is not null) await _dataSource.DisposeAsync();
            _dataSource = null;
        }
        finally
        {
            if (acquired) _runLock.Release();
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync(TimeSpan.FromSeconds(5)));

    private void OnNotice(object sender, NpgsqlNoticeEventArgs e)
    {
        var sink = _noticeSink;
        if (sink is null) return;
        lock (sink)
        {
            if (sink.Count >= MaxNotices) _droppedNotices++;
            else sink.Add(new SqlNotice(e.Notice.Severity, ServerText.Clip(e.Notice.MessageText), ServerText.ClipOrNull(e.Notice.Detail), ServerText.ClipOrNull(e.Notice.Hint)));
        }
    }

    /// <summary>Whether the connection still answers; if not, the SQLSTATE the server ended it with, when it said one.</summary>
    private static async Task<(bool Alive, string? EndState)> IsAliveAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteNonQueryAsync(ct);
            return (true, null);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InFailedSqlTransaction)
        {
            return (true, null); // alive, in a failed transaction block
        }
        catch (PostgresException e)
        {
            return (false, e.SqlState);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return (false, (e.InnerException as PostgresException)?.SqlState);
        }
    }

    private async Task CloseConnectionAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null) return;
        connection.Notice -= OnNotice;
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // already broken
        }
    }

    /// <summary>A run in progress: its token, and the release of the session at the end.</summary>
    internal sealed class RunScope(SqlSession session, CancellationTokenSource cts) : IAsyncDisposable
    {
        public CancellationToken Token => cts.Token;
        public bool CancelRequested => cts.IsCancellationRequested;
        public SqlSession Session => session;

        public async ValueTask DisposeAsync()
        {
            lock (session._cancelGate) session._currentRun = null;
            await session.PendingCancel.ConfigureAwait(false);
            session.CollectNotices(null);
            session.LastUsedUtc = DateTime.UtcNow;
            cts.Dispose();
            session._runLock.Release();
        }
    }
}

/// <summary>How a learner's session connection ended, as far as the app knows.</summary>
public enum SessionEnd
{
    /// <summary>It stopped answering (server restart, network), or the sandbox was reset.</summary>
    Lost,
    /// <summary>The server closed it after idle_session_timeout.</summary>
    IdleTimeout,
    /// <summary>The server closed it after idle_in_transaction_session_timeout (the transaction was rolled back).</summary>
    IdleInTransactionTimeout,
    /// <summary>Terminated through PostgreSQL: the lab's watchdog (it says why) or an administrator.</summary>
    EndedByAdmin,
    /// <summary>The app closed it after Sandbox:SessionIdleClose without use.</summary>
    ClosedWhileIdle,
}

/// <summary>A session connection that ended: how, which server process it was, and when it had been opened.</summary>
internal sealed record SessionEndInfo(SessionEnd End, int Pid, DateTime ConnectedAtUtc);
