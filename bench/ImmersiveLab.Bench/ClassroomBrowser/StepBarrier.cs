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
    private TaskCompletionSource _release = NewRelease();

    public async Task SignalAndWaitAsync(CancellationToken ct)
    {
        Task release;
        lock (_gate)
        {
            release = _release.Task;
            _arrived++;
            ReleaseIfAllArrived();
        }
        await release.WaitAsync(ct);
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
        release.SetResult();
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
