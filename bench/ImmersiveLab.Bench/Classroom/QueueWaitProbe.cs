using System.Diagnostics;
using ImmersiveLab.Sandbox.Admission;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>
/// What admission told one run while it waited: the first queue position, and how long the run waited until
/// "started". Timed here, from the moment the run was submitted: the Elapsed of admission's own Started report is
/// the time of the last position change, which leaves out the wait at position 1.
/// </summary>
public sealed class QueueWaitProbe : IProgress<RunWait>
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _queued;
    private int _firstPosition;

    /// <summary>Zero when the run found a free slot at once (admission then reports nothing).</summary>
    public TimeSpan Queued { get { lock (_gate) return _queued; } }

    /// <summary>0 when the run found a free slot at once.</summary>
    public int FirstPosition { get { lock (_gate) return _firstPosition; } }

    public void Report(RunWait value)
    {
        lock (_gate)
        {
            if (value.Kind == RunWaitKind.Queued && _firstPosition == 0) _firstPosition = value.Position;
            if (value.Kind == RunWaitKind.Started) _queued = _clock.Elapsed;
        }
    }
}
