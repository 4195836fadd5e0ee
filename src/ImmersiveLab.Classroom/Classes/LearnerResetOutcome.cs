namespace ImmersiveLab.Classroom;

/// <summary>What "reset all" did to one learner's sandbox: reset, or failed and why (the others went on).</summary>
public sealed record LearnerResetOutcome(Guid LearnerId, string LearnerName, string? Error)
{
    public bool Succeeded => Error is null;
}
