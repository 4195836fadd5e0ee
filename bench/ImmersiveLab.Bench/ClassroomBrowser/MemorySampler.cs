using System.Diagnostics;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>One reading: the app's resident memory and its PostgreSQL's proportional share (shared buffers divided among the backends).</summary>
public sealed record MemorySample(TimeSpan At, long AppResidentBytes, long PostgresProportionalBytes);

/// <summary>Reads the app's and PostgreSQL's memory every second in the background, so peaks between milestones are seen.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    private readonly int _appPid;
    private readonly Func<int?> _postmasterPid;
    private readonly List<MemorySample> _samples = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler(int appPid, Func<int?> postmasterPid)
    {
        _appPid = appPid;
        _postmasterPid = postmasterPid;
        _loop = Task.Run(LoopAsync);
    }

    public static TimeSpan Now => Clock.Elapsed;

    /// <summary>A reading now (also kept with the background ones).</summary>
    public MemorySample Sample()
    {
        var postgres = 0L;
        if (_postmasterPid() is { } postmaster)
            postgres = ProcFs.Tree(postmaster, ProcFs.All()).Sum(p => ProcFs.ProportionalBytes(p.Pid) ?? 0);
        var sample = new MemorySample(Clock.Elapsed, ProcFs.ResidentBytes(_appPid) ?? 0, postgres);
        lock (_gate) _samples.Add(sample);
        return sample;
    }

    /// <summary>The highest reading of <paramref name="value"/> between two moments (inclusive), in bytes.</summary>
    public long PeakBetween(TimeSpan from, TimeSpan to, Func<MemorySample, long> value)
    {
        lock (_gate) return _samples.Where(s => s.At >= from && s.At <= to).Select(value).DefaultIfEmpty(0).Max();
    }

    /// <summary>The first reading at or after a moment.</summary>
    public MemorySample? FirstAfter(TimeSpan at)
    {
        lock (_gate) return _samples.Where(s => s.At >= at).MinBy(s => s.At);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Sample();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
