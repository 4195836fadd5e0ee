using System.Collections.Concurrent;
using ImmersiveLab.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Classroom;

/// <summary>
/// Tells the learners' circuits in this app instance when their class changed (a lab locked, a step pushed, the class
/// closed), whichever instance made the change: it polls the classes' revisions in the shared metadata database.
/// Polling (not LISTEN) survives database restarts without any reconnect logic, and costs one small query a second.
/// </summary>
public sealed class ClassBroadcaster(LabServer server, ClassStore classes, IOptions<ClassroomOptions> options, ILogger<ClassBroadcaster> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, ClassInfo> _known = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, bool>> _subscribers = new();
    private bool _failing;

    /// <summary>The class as last seen (null before the first poll saw it).</summary>
    public ClassInfo? Latest(Guid classId) => _known.GetValueOrDefault(classId);

    /// <summary>Calls <paramref name="changed"/> (on a pool thread) with the new state after each change of the class.</summary>
    public IDisposable Subscribe(Guid classId, Action<ClassInfo> changed)
    {
        var subscription = new Subscription(this, classId, changed);
        _subscribers.GetOrAdd(classId, _ => new()).TryAdd(subscription, true);
        return subscription;
    }

    /// <summary>One poll: reads every class's revision and notifies subscribers of the changed ones.</summary>
    public async Task PollAsync(CancellationToken ct)
    {
        if (!server.IsStarted) return;
        var revisions = new Dictionary<Guid, long>();
        await using (var cmd = server.Metadata.CreateCommand("SELECT id, revision FROM classes"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) revisions[r.GetGuid(0)] = r.GetInt64(1);

        var changed = new List<ClassInfo>();
        foreach (var (id, revision) in revisions)
        {
            if (_known.TryGetValue(id, out var known) && known.Revision == revision) continue;
            if (await classes.GetAsync(id, ct) is not { } fresh) continue;
            _known[id] = fresh;
            if (known is not null) changed.Add(fresh);
        }
        foreach (var gone in _known.Keys.Where(id => !revisions.ContainsKey(id)).ToList())
            if (_known.TryRemove(gone, out var deleted))
                changed.Add(deleted with { ClosedAtUtc = deleted.ClosedAtUtc ?? DateTime.UtcNow, Revision = deleted.Revision + 1 });
        foreach (var cls in changed)
            if (_subscribers.TryGetValue(cls.Id, out var subs))
                foreach (var s in subs.Keys)
                    s.Notify(cls, logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BroadcastInterval);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
                if (_failing) logger.LogInformation("Class updates are flowing again");
                _failing = false;
            }
            catch (Exception e) when ((e is ClassroomUnavailableException || ClassroomUnavailableException.IsCause(e)) && !stoppingToken.IsCancellationRequested)
            {
                // The database is restarting or unreachable: learners keep their last state until it is back.
                if (!_failing) logger.LogWarning("Cannot read class updates: {Message}", e.Message);
                _failing = true;
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private sealed class Subscription(ClassBroadcaster owner, Guid classId, Action<ClassInfo> changed) : IDisposable
    {
        public void Notify(ClassInfo cls, ILogger logger)
        {
            try
            {
                changed(cls);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A class change handler failed");
            }
        }

        public void Dispose()
        {
            if (owner._subscribers.TryGetValue(classId, out var subs)) subs.TryRemove(this, out _);
        }
    }
}
