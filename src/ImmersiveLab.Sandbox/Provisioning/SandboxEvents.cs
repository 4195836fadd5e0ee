namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// Lets the session registry hear that a learner's sandbox is about to be dropped (reset, drop, expiry), so it
/// can stop the learner's running statement and close their connection first.
/// </summary>
public sealed class SandboxEvents
{
    private readonly List<Func<Guid, Task>> _removing = [];

    public void OnRemoving(Func<Guid, Task> handler)
    {
        lock (_removing) _removing.Add(handler);
    }

    internal async Task RaiseRemovingAsync(Guid learnerId)
    {
        Func<Guid, Task>[] handlers;
        lock (_removing) handlers = _removing.ToArray();
        foreach (var h in handlers) await h(learnerId);
    }
}
