using System.Collections.Concurrent;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// Slows guessing of the instructor token without ever refusing the right one. Every attempt waits before the token is
/// checked: nothing for the first <see cref="FreeFailures"/> wrong tokens of a source within <see cref="Window"/>, then
/// 1 s, 2 s, 4 s… up to <see cref="MaxSourceDelay"/>; and, when many wrong tokens come from everywhere at once, a global
/// wait of up to <see cref="MaxGlobalDelay"/>. A source's attempts are taken one at a time, so sending many at once does
/// not guess faster. The right token then signs in, and its source starts afresh. A browser that signed in as the
/// instructor before (<see cref="InstructorDevice"/>) is its own source, so a neighbour behind the same address (a
/// school's NAT) guessing wrong does not slow the instructor down. In memory, per app instance.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeFailures = 3;
    public const int GlobalFreeFailures = 30;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxSourceDelay = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan MaxGlobalDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Source> _sources = new();
    private readonly Queue<DateTimeOffset> _global = new();

    /// <summary>How long an attempt from <paramref name="source"/> waits before its token is checked.</summary>
    public TimeSpan DelayFor(string source)
    {
        var now = time.GetUtcNow();
        var own = _sources.TryGetValue(source, out var s) ? s.Failures(now, Window) : 0;
        int global;
        lock (_global)
        {
            Trim(_global, now);
            global = _global.Count;
        }
        var globalOver = global < GlobalFreeFailures ? 0 : (global - GlobalFreeFailures) / 10 + 1;
        return Max(Grow(own - FreeFailures + 1, MaxSourceDelay), Grow(globalOver, MaxGlobalDelay));
    }

    /// <summary>
    /// Waits for <paramref name="source"/>'s turn and its delay, then runs <paramref name="verify"/> and counts a false
    /// answer as a failure. Never refuses: the right token always gets through, at worst after the delay.
    /// </summary>
    public async Task<bool> AttemptAsync(string source, Func<Task<bool>> verify, CancellationToken ct)
    {
        var s = _sources.GetOrAdd(source, _ => new Source());
        await s.Turn.WaitAsync(ct);
        try
        {
            var delay = DelayFor(source);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, time, ct);
            var ok = await verify();
            var now = time.GetUtcNow();
            if (ok) s.Clear();
            else
            {
                s.Fail(now);
                lock (_global)
                {
                    Trim(_global, now);
                    _global.Enqueue(now);
                }
            }
            return ok;
        }
        finally
        {
            s.Turn.Release();
            if (_sources.Count > 10_000) Sweep();
        }
    }

    /// <summary>1 s doubled for each failure past the free ones, capped.</summary>
    private static TimeSpan Grow(int over, TimeSpan cap) =>
        over <= 0 ? TimeSpan.Zero : over >= 16 ? cap : Min(TimeSpan.FromSeconds(1 << (over - 1)), cap);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static void Trim(Queue<DateTimeOffset> q, DateTimeOffset now)
    {
        while (q.Count > 0 && now - q.Peek() >= Window) q.Dequeue();
    }

    /// <summary>Forgets sources without recent failures (a flood of addresses must not grow memory forever).</summary>
    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, s) in _sources)
            if (s.Failures(now, Window) == 0 && s.Turn.CurrentCount == 1) _sources.TryRemove(key, out _);
    }

    private sealed class Source
    {
        private readonly Queue<DateTimeOffset> _failures = new();
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Failures(DateTimeOffset now, TimeSpan window)
        {
            lock (_failures)
            {
                Trim(_failures, now);
                return _failures.Count;
            }
        }

        public void Fail(DateTimeOffset now)
        {
            lock (_failures) _failures.Enqueue(now);
        }

        public void Clear()
        {
            lock (_failures) _failures.Clear();
        }
    }
}
