namespace ImmersiveLab.Imaging;

/// <summary>
/// Pixel decodes running in this process right now and the most seen at once since <see cref="ResetPeak"/>: what the
/// <see cref="DecodeGate"/> bounds, counted where the decoders run (for tests and the benchmark).
/// </summary>
public static class DecodesInProgress
{
    private static int _current;
    private static int _peak;
    private static long _started;

    public static int Current => Volatile.Read(ref _current);

    /// <summary>Decodes started since the process began.</summary>
    public static long Started => Interlocked.Read(ref _started);

    public static int Peak => Volatile.Read(ref _peak);

    public static void ResetPeak() => Volatile.Write(ref _peak, Current);

    internal static IDisposable Begin()
    {
        Interlocked.Increment(ref _started);
        var now = Interlocked.Increment(ref _current);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak) { }
        return new End();
    }

    private sealed class End : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) Interlocked.Decrement(ref _current);
        }
    }
}
