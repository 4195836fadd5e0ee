using System.Collections.Concurrent;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox.Sessions;

/// <summary>What the UI shows about a learner's session.</summary>
public sealed record SessionState(Guid LearnerId, TransactionStatus Transaction, bool IsBusy, bool IsConnected, DateTime LastUsedUtc);

/// <summary>
/// One <see cref="SqlSession"/> per learner in this app instance, shared by all their tabs. Closes a learner's
/// session when their sandbox is about to be dropped, and idle sessions on request (see SandboxMaintenance).
/// </summary>
public sealed class SessionRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, SqlSession> _sessions = new();
    // Learners whose connected session was closed: their next session reports that session state was lost.
    private readonly ConcurrentDictionary<Guid, SessionEnd> _stateLost = new();
    private readonly SessionConnector _connector;
    private readonly IOptions<SandboxOptions> _options;
    private readonly ILogger<SessionRegistry> _logger;

    public SessionRegistry(SessionConnector connector, SandboxEvents events, IOptions<SandboxOptions> options, ILogger<SessionRegistry> logger,
        Telemetry.SandboxMetrics? metrics = null)
    {
        _connector = connector;
        _options = options;
        _logger = logger;
        events.OnRemoving(CloseAsync);
        metrics?.ObserveSessions(() => Count);
    }

    public int Count => _sessions.Count;

    internal SqlSession GetOrCreate(Guid learnerId) =>
        _sessions.GetOrAdd(learnerId, id => new SqlSession(id, _connector, _stateLost.TryRemove(id, out var end) ? end : null)
        {
            MaxNotices = _options.Value.MaxNoticesPerStatement,
        });

    /// <summary>Cancels the learner's running cell (from any tab). Returns whether one was running.</summary>
    public bool Cancel(Guid learnerId) => _sessions.TryGetValue(learnerId, out var s) && s.Cancel();

    public SessionState? GetState(Guid learnerId) =>
        _sessions.TryGetValue(learnerId, out var s) ? new SessionState(learnerId, s.Transaction, s.IsBusy, s.IsConnected, s.LastUsedUtc) : null;

    public IReadOnlyList<SessionState> List() =>
        _sessions.Values.Select(s => new SessionState(s.LearnerId, s.Transaction, s.IsBusy, s.IsConnected, s.LastUsedUtc)).ToList();

    /// <summary>Closes the learner's session (cancelling a running cell). The next run opens a new one.</summary>
    public async Task CloseAsync(Guid learnerId)
    {
        if (_sessions.TryRemove(learnerId, out var session))
        {
            if (session.IsConnected) _stateLost[learnerId] = SessionEnd.Lost;
            await session.CloseAsync(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Closes sessions unused for <paramref name="idleFor"/> (their connections go back to the server).</summary>
    public async Task<int> CloseIdleAsync(TimeSpan idleFor)
    {
        var closed = 0;
        foreach (var (id, session) in _sessions)
        {
            if (session.IsBusy || DateTime.UtcNow - session.LastUsedUtc < idleFor) continue;
            if (!_sessions.TryRemove(new KeyValuePair<Guid, SqlSession>(id, session))) continue;
            if (session.IsConnected) _stateLost[id] = SessionEnd.ClosedWhileIdle;
            await session.CloseAsync(TimeSpan.FromSeconds(5));
            closed++;
        }
        if (closed > 0) _logger.LogInformation("Closed {Count} idle learner sessions", closed);
        return closed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys.ToList()) await CloseAsync(id);
    }
}
