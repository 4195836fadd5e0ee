using System.Collections.Concurrent;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// Slows down guessing of the instructor token: after <see cref="MaxFailures"/> wrong tokens from one address within
/// <see cref="Window"/>, that address is refused until the window has passed. In memory, per app instance.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    /// <summary>How long <paramref name="client"/> must wait before trying again, or null if it may try now.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!_failures.TryGetValue(client, out var q)) return null;
        lock (q)
        {
            Trim(q);
            return q.Count >= MaxFailures ? q.Peek() + Window - time.GetUtcNow() : null;
        }
    }

    public void Failed(string client)
    {
        var q = _failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (q)
        {
            Trim(q);
            q.Enqueue(time.GetUtcNow());
        }
    }

    public void Succeeded(string client) => _failures.TryRemove(client, out _);

    private void Trim(Queue<DateTimeOffset> q)
    {
        var now = time.GetUtcNow();
        while (q.Count > 0 && now - q.Peek() >= Window) q.Dequeue();
    }
}
