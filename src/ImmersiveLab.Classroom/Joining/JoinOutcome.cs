using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Classroom;

public enum JoinRefusal
{
    InvalidName,
    UnknownCode,
    ClassClosed,
    ClassFull,
}

/// <summary>A learner joined (or rejoined, with a name already in the class), or was refused and why.</summary>
public sealed record JoinOutcome(LearnerRef? Learner, ClassInfo? Class, bool Rejoined, JoinRefusal? Refusal, string? Message)
{
    public bool Joined => Learner is not null;

    public static JoinOutcome Refused(JoinRefusal why, string message, ClassInfo? cls = null) => new(null, cls, false, why, message);
}
