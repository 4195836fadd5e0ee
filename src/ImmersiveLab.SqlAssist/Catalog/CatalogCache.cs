using System.Collections.Concurrent;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.SqlAssist.Catalog;

/// <summary>How current a catalog handed out is.</summary>
public enum CatalogFreshness
{
    /// <summary>Read since the learner's last statement that could change it, and recently.</summary>
    Fresh,
    /// <summary>An older read: a newer one is under way or could not run yet (a cell running, an open transaction).</summary>
    Stale,
    /// <summary>Nothing read yet: only the built-in knowledge is offered.</summary>
    Missing,
}

public sealed record CatalogLookup(SqlCatalog Catalog, CatalogFreshness Freshness);

/// <summary>
/// Each learner's catalog, read through their own session with one small query per refresh and kept between requests.
/// A refresh happens when a request finds the catalog stale: after statements of theirs that may change it (heard from
/// the runner), after <see cref="SqlAssistOptions.MaxCatalogAge"/>, or when none was read yet. A request waits up to
/// <see cref="SqlAssistOptions.RefreshWait"/> for it, then answers with what there is. Entries go when the sandbox is
/// dropped or after <see cref="SqlAssistOptions.IdleEviction"/> without requests.
/// </summary>
public sealed class CatalogCache
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly SessionReader _reader;
    private readonly SharedCatalogStore _shared;
    private readonly IOptions<SqlAssistOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CatalogCache> _logger;
    private DateTimeOffset _nextSweep;

    public CatalogCache(SessionReader reader, SharedCatalogStore shared, SandboxEvents events, IOptions<SqlAssistOptions> options,
        TimeProvider time, ILogger<CatalogCache> logger)
    {
        _reader = reader;
        _shared = shared;
        _options = options;
        _time = time;
        _logger = logger;
        events.OnStatementsRan(ran =>
        {
            if (CatalogChangeClassifier.MayChangeCatalog(ran)) Invalidate(ran.LearnerId);
        });
        events.OnRemoving(learnerId =>
        {
            _entries.TryRemove(learnerId, out _);
            return Task.CompletedTask;
        });
    }

    private SqlAssistOptions Options => _options.Value;

    /// <summary>Learners with a cached catalog.</summary>
    public int Count => _entries.Count;

    /// <summary>Catalog reads that ran (for tests and benchmarks: one per refresh, none per request).</summary>
    public long Reads => Interlocked.Read(ref _reads);
    private long _reads;

    /// <summary>The learner's catalog as fresh as it can be had within the wait; <paramref name="ct"/> only stops the waiting.</summary>
    public async Task<CatalogLookup> GetAsync(Guid learnerId, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        SweepIdle(now);
        var entry = _entries.GetOrAdd(learnerId, _ => new Entry());
        Task? refresh;
        lock (entry)
        {
            entry.LastAccess = now;
            if (IsFresh(entry, now)) return Lookup(entry);
            if (entry.Refresh is null && now >= entry.RetryAfter)
                entry.Refresh = Task.Run(() => RefreshAsync(learnerId, entry), CancellationToken.None);
            refresh = entry.Refresh;
        }
        if (refresh is not null)
        {
            try
            {
                await refresh.WaitAsync(Options.RefreshWait, _time, ct);
            }
            catch (TimeoutException)
            {
                // answer with what there is
            }
        }
        lock (entry) return Lookup(entry);
    }

    /// <summary>The learner's catalog may have changed: the next request reads it again.</summary>
    public void Invalidate(Guid learnerId)
    {
        if (!_entries.TryGetValue(learnerId, out var entry)) return;
        lock (entry)
        {
            entry.Version++;
            entry.RetryAfter = DateTimeOffset.MinValue;
        }
    }

    private bool IsFresh(Entry e, DateTimeOffset now) =>
        e.Part is { } part && e.PartVersion == e.Version && now - e.ReadAt < Options.MaxCatalogAge && _shared.Find(part.SharedKey) is not null;

    private CatalogLookup Lookup(Entry e)
    {
        if (e.Part is not { } part) return new CatalogLookup(SqlCatalog.Empty, CatalogFreshness.Missing);
        var shared = _shared.Find(part.SharedKey);
        var catalog = e.Catalog is { } c && ReferenceEquals(c.Learner, part) && ReferenceEquals(c.Shared, shared ?? SharedCatalogPart.Empty)
            ? c
            : e.Catalog = new SqlCatalog(part, shared ?? SharedCatalogPart.Empty);
        return new CatalogLookup(catalog, IsFresh(e, _time.GetUtcNow()) ? CatalogFreshness.Fresh : CatalogFreshness.Stale);
    }

    private async Task RefreshAsync(Guid learnerId, Entry entry)
    {
        long version;
        lock (entry) version = entry.Version;
        LearnerCatalogPart? part = null;
        using var timeout = new CancellationTokenSource(Options.RefreshTimeout);
        try
        {
            var read = await _reader.ReadAsync(learnerId, CatalogReader.ReadLearnerPartAsync, timeout.Token);
            if (read.Succeeded)
            {
                Interlocked.Increment(ref _reads);
                part = read.Value!;
                await _shared.GetAsync(part.SharedKey, learnerId, timeout.Token);
            }
            else _logger.LogDebug("Catalog of learner {Learner} not read: {Outcome} {Reason}", learnerId, read.Outcome, read.Reason);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Reading the catalog of learner {Learner} failed", learnerId);
        }
        finally
        {
            lock (entry)
            {
                var now = _time.GetUtcNow();
                if (part is not null)
                {
                    entry.Part = part;
                    entry.PartVersion = version;
                    entry.ReadAt = now;
                }
                // Without its shared part (another learner's session was busy reading it) the catalog is tried again soon.
                var complete = part is not null && _shared.Find(part.SharedKey) is not null;
                entry.RetryAfter = complete ? DateTimeOffset.MinValue : now + Options.RetryDelay;
                entry.Refresh = null;
            }
        }
    }

    private void SweepIdle(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var (id, entry) in _entries)
        {
            bool idle;
            lock (entry) idle = entry.Refresh is null && now - entry.LastAccess > Options.IdleEviction;
            if (idle) _entries.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
        }
    }

    private sealed class Entry
    {
        public LearnerCatalogPart? Part;
        public SqlCatalog? Catalog;
        public long Version;
        public long PartVersion = -1;
        public DateTimeOffset ReadAt;
        public DateTimeOffset RetryAfter = DateTimeOffset.MinValue;
        public DateTimeOffset LastAccess;
        public Task? Refresh;
    }
}
