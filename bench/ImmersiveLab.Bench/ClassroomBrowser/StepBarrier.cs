namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// "Everyone, next step": the learners wait here until all who are still in the class have arrived, then all go at
/// once. A learner who gives up leaves, so the others are not held back by them.
/// </summary>
public sealed class StepBarrier(int participants)
{
    private readonly Lock _gate = new();
    private int _participants = participants;
    private int _arrived;
    private TaskCompletionSource<DateTimeOffset> _release = NewRelease();

    /// <summary>Arrives and waits for the others; returns when the last one arrived (the class's "go").</summary>
    public async Task<DateTimeOffset> SignalAndWaitAsync(CancellationToken ct)
    {
        Task<DateTimeOffset> release;
        lock (_gate)
        {
            release = _release.Task;
            _arrived++;
            ReleaseIfAllArrived();
        }
        return await release.WaitAsync(ct);
    }

    public void Leave()
    {
        lock (_gate)
        {
            _participants--;
            ReleaseIfAllArrived();
        }
    }

    private void ReleaseIfAllArrived()
    {
        if (_arrived < _participants || _arrived == 0) return;
        var release = _release;
        _release = NewRelease();
        _arrived = 0;
        release.SetResult(DateTimeOffset.UtcNow);
    }

    private static TaskCompletionSource<DateTimeOffset> NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
