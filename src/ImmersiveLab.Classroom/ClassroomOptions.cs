namespace ImmersiveLab.Classroom;

/// <summary>Who may use the lab without joining a class (the shared solo learner).</summary>
public enum SoloAccess
{
    /// <summary>Requests from this machine only; everyone else joins a class first (the default).</summary>
    Loopback,
    /// <summary>Everyone (e.g. behind a proxy that already restricts access; the Docker setup).</summary>
    Anyone,
    /// <summary>Nobody: every learner joins a class.</summary>
    Nobody,
}

/// <summary>Classes, joining and the instructor. Bound from the "Classroom" section.</summary>
public sealed class ClassroomOptions
{
    public const string SectionName = "Classroom";

    /// <summary>The instructor's sign-in token. Empty: one is generated once, kept in the metadata database (so every
    /// app instance on it shares it) and printed when the app starts.</summary>
    public string? InstructorToken { get; set; }

    public SoloAccess SoloAccess { get; set; } = SoloAccess.Loopback;

    /// <summary>Learners a new class admits unless the instructor says otherwise.</summary>
    public int DefaultMaxLearners { get; set; } = 100;

    /// <summary>How often each app instance looks for class changes (locks, pushed steps) made by any instance.</summary>
    public TimeSpan BroadcastInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Sandboxes reset at the same time by "reset all" (each is a DROP and CREATE DATABASE).</summary>
    public int ResetParallelism { get; set; } = 2;

    /// <summary>How long a request to continue as a learner (from a browser without their resume code) waits for the
    /// instructor, and how long an approved one may be picked up.</summary>
    public TimeSpan ResumeRequestLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an app instance trusts the instructor token it read last; a token rotated elsewhere (another
    /// instance, <c>imlab instructor rotate-token</c>) ends the other instructor sessions within this time.</summary>
    public TimeSpan InstructorTokenRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Null when the options are usable, else what is wrong.</summary>
    public string? Validate() =>
        DefaultMaxLearners is < 1 or > 1000 ? "Classroom:DefaultMaxLearners must be 1 to 1000."
        : BroadcastInterval <= TimeSpan.Zero ? "Classroom:BroadcastInterval must be positive."
        : ResetParallelism < 1 ? "Classroom:ResetParallelism must be at least 1."
        : ResumeRequestLifetime < TimeSpan.FromMinutes(1) ? "Classroom:ResumeRequestLifetime must be at least a minute."
        : InstructorTokenRefresh <= TimeSpan.Zero ? "Classroom:InstructorTokenRefresh must be positive."
        : null;

    /// <summary>Shortest instructor token accepted from configuration.</summary>
    public const int MinTokenLength = 12;
}
