using Microsoft.Extensions.Options;

namespace ImmersiveLab.Imaging;

/// <summary>
/// How many images this app decodes at once (Imaging:MaxConcurrentDecodes, by default one per core): each decode of a
/// large picture holds its whole bitmap, so a class uploading at the same moment must take turns rather than add up.
/// A caller waits for a slot up to Imaging:DecodeQueueTimeout, then gets <see cref="ImageRejectionReason.Busy"/>.
/// </summary>
public sealed class DecodeGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private int _waiting;

    public DecodeGate(IOptions<ImageValidationOptions> options, TimeProvider time)
    {
        var o = options.Value;
        Capacity = o.MaxConcurrentDecodes > 0 ? o.MaxConcurrentDecodes : Environment.ProcessorCount;
        _timeout = o.DecodeQueueTimeout;
        _time = time;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>One slot per core, waiting up to 10 s (for tools and tests).</summary>
    public DecodeGate() : this(Options.Create(new ImageValidationOptions()), TimeProvider.System) { }

    public int Capacity { get; }

    /// <summary>Slots taken now.</summary>
    public int Running => Capacity - _slots.CurrentCount;

    /// <summary>Callers waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for a slot (dispose the result to free it); throws <see cref="ImageRejectedException"/> (Busy) after the queue timeout.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_slots.Wait(0, CancellationToken.None)) return new Slot(_slots);
        Interlocked.Increment(ref _waiting);
        try
        {
            using var timeout = new CancellationTokenSource(_timeout, _time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                await _slots.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new ImageRejectedException(ImageRejectionReason.Busy,
                    $"The lab is decoding other images right now and yours waited {_timeout.TotalSeconds:0} s for its turn: try again in a moment.")
                {
                    Value = (long)_timeout.TotalSeconds,
                };
            }
            return new Slot(_slots);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
