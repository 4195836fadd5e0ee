namespace ImmersiveLab.Web.Telemetry.ServerState;

/// <summary>
/// The values recorded over the last <see cref="Span"/> (thread-safe): how many, their mean and a percentile over the
/// whole span or its most recent part. Exact (values are kept, at most <see cref="Capacity"/>, the oldest dropped first):
/// a class of 100 running a cell every few seconds records a few thousand values in 5 minutes.
/// </summary>
public sealed class SlidingWindow(TimeSpan span, TimeProvider time, int capacity = 100_000)
{
    private readonly Queue<(DateTimeOffset At, double Value)> _values = new();

    public TimeSpan Span { get; } = span;
    public int Capacity { get; } = capacity;

    public void Add(double value)
    {
        var now = time.GetUtcNow();
        lock (_values)
        {
            _values.Enqueue((now, value));
            while (_values.Count > Capacity) _values.Dequeue();
            Trim(now);
        }
    }

    /// <summary>The values of the last <paramref name="within"/> (at most <see cref="Span"/>).</summary>
    public WindowStats Stats(TimeSpan? within = null)
    {
        var now = time.GetUtcNow();
        var since = now - (within is { } w && w < Span ? w : Span);
        double[] values;
        lock (_values)
        {
            Trim(now);
            values = _values.Where(v => v.At > since).Select(v => v.Value).ToArray();
        }
        return WindowStats.Of(values);
    }

    private void Trim(DateTimeOffset now)
    {
        while (_values.Count > 0 && _values.Peek().At <= now - Span) _values.Dequeue();
    }
}

/// <summary>Count, mean and 95th percentile (nearest rank) of a window's values; no mean or percentile without values.</summary>
public sealed record WindowStats(int Count, double? Mean, double? P95)
{
    public static WindowStats Of(double[] values)
    {
        if (values.Length == 0) return new WindowStats(0, null, null);
        Array.Sort(values);
        return new WindowStats(values.Length, values.Average(), Percentile(values, 0.95));
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="q"/> of the values at or below it.</summary>
    public static double Percentile(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
