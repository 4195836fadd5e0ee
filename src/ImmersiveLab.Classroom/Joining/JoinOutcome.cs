using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Classroom;

public enum JoinRefusal
{
    /// <summary>The display name is empty, too long or has characters a name cannot have.</summary>
    InvalidName,
    /// <summary>The code is wrong, or the class ended, is full or takes no new names: one answer for all, so a
    /// stranger cannot tell a real code from a wrong one.</summary>
    NotAdmitted,
    /// <summary>A learner of the class has this name; continuing as them needs their resume code (or the instructor).</summary>
    NameTaken,
    /// <summary>The name is taken and the resume code typed is not that learner's.</summary>
    WrongResumeCode,
    /// <summary>A resume code was typed, but nobody in the class has this name (a typo in the name, most likely).</summary>
    UnknownName,
    /// <summary>Requests to continue under this name already wait for the instructor.</summary>
    RequestsWaiting,
}

/// <summary>
/// A learner joined (or came back with their resume code), or was refused and why. <see cref="ResumeCode"/> is the
/// code for the learner's sign-in cookie: a new one for a first join (shown to them once), the one they typed when
/// they came back.
/// </summary>
public sealed record JoinOutcome(LearnerRef? Learner, ClassInfo? Class, bool Rejoined, JoinRefusal? Refusal, string? Message, string? ResumeCode = null)
{
    public bool Joined => Learner is not null;

    public static JoinOutcome Refused(JoinRefusal why, string message, ClassInfo? cls = null) => new(null, cls, false, why, message);
}
