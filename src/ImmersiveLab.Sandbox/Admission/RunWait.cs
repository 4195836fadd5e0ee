namespace ImmersiveLab.Sandbox.Admission;

public enum RunWaitKind
{
    /// <summary>The server is busy: the run waits for a free slot (<see cref="RunWait.Position"/> 1 is next).</summary>
    Queued,
    /// <summary>The database cannot be reached (e.g. it is restarting): the run keeps trying for a while.</summary>
    Reconnecting,
    /// <summary>The wait is over: the run has its slot and connection (sent only after a Queued or Reconnecting).</summary>
    Started,
}

/// <summary>Why a run has not started yet, reported while it waits so the learner sees a position, not a hang.</summary>
public sealed record RunWait(RunWaitKind Kind, int Position, int Waiting, TimeSpan Elapsed);
