using ImmersiveLab.Sandbox.Execution;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// Lets other parts hear about a learner's sandbox: the session registry that it is about to be dropped (reset, drop,
/// expiry), so it can stop the learner's running statement and close their connection first; caches of what the
/// sandbox holds (the SQL editor's view of its catalog) that statements ran in the learner's session.
/// </summary>
public sealed class SandboxEvents(ILogger<SandboxEvents> logger)
{
    private readonly List<Func<Guid, Task>> _removing = [];
    private readonly List<Action<StatementsRan>> _ran = [];

    public void OnRemoving(Func<Guid, Task> handler)
    {
        lock (_removing) _removing.Add(handler);
    }

    /// <summary>Handlers run on the runner's thread after each cell or plan: keep them quick.</summary>
    public void OnStatementsRan(Action<StatementsRan> handler)
    {
        lock (_ran) _ran.Add(handler);
    }

    internal async Task RaiseRemovingAsync(Guid learnerId)
    {
        Func<Guid, Task>[] handlers;
        lock (_removing) handlers = _removing.ToArray();
        foreach (var h in handlers) await h(learnerId);
    }

    internal void RaiseStatementsRan(StatementsRan ran)
    {
        Action<StatementsRan>[] handlers;
        lock (_ran) handlers = _ran.ToArray();
        foreach (var h in handlers)
        {
            try
            {
                h(ran);
            }
            catch (Exception e)
            {
                // A listener's fault must not turn the learner's finished run into a failure.
                logger.LogError(e, "A listener of statements run by learner {Learner} failed", ran.LearnerId);
            }
        }
    }
}

/// <summary>
/// Statements that ran (or started and failed) in a learner's session, in order. <see cref="SessionWasReset"/>: the
/// session's connection had been lost before them, so its temp tables and SETs were gone.
/// </summary>
public sealed record StatementsRan(Guid LearnerId, IReadOnlyList<SqlStatement> Statements, bool SessionWasReset);
