using ImmersiveLab.Sandbox.Quota;

namespace ImmersiveLab.Classroom;

/// <summary>Where a learner is: the lab and step they opened last (0 is the lab's introduction).</summary>
public sealed record LearnerPlace(string LabId, int Step, DateTime AtUtc);

/// <summary>The most recent cell run of a learner that ended in an error.</summary>
public sealed record LearnerError(string LabId, string CellId, string Message, DateTime AtUtc);

/// <summary>One row of the instructor's dashboard. Storage: the sandbox's disk use against Sandbox:MaxSandboxSize, as the
/// maintenance sweep last measured it (null before its first measure).</summary>
public sealed record LearnerStatus(
    Guid LearnerId,
    string Name,
    DateTime JoinedAtUtc,
    LearnerPlace? Place,
    IReadOnlyDictionary<string, int> SolvedByLab,
    int Solved,
    int Exercises,
    LearnerError? LastError,
    DateTime LastActiveUtc,
    TimeSpan Idle,
    bool IsRunning,
    bool HasSandbox,
    string? ServerKey = null,
    SandboxStorage? Storage = null);

/// <summary>A lab of the class with its number of exercises (the denominator of "checks passed").</summary>
public sealed record LabExerciseCount(string LabId, int Exercises);

/// <summary>The whole dashboard at one moment.</summary>
public sealed record ClassDashboardView(ClassInfo Class, IReadOnlyList<LearnerStatus> Learners, IReadOnlyList<LabExerciseCount> Labs, DateTime AsOfUtc);
