using ImmersiveLab.Database;

namespace ImmersiveLab.Classroom;

public enum ResumeCodeState
{
    /// <summary>The code in the learner's cookie is their code now.</summary>
    Current,
    /// <summary>The cookie holds an older code: a newer one was given (the instructor let them in elsewhere).</summary>
    Replaced,
    /// <summary>This browser has no code (a sign-in from before resume codes existed).</summary>
    Missing,
}

/// <summary>Whether the resume code a learner's cookie carries still opens their place in the class (shown on their pages).</summary>
public sealed class ResumeCodes(LabServer server)
{
    public Task<ResumeCodeState> StateAsync(Guid learnerId, string? cookieCode, CancellationToken ct) => ClassroomUnavailableException.Guard(async () =>
    {
        if (string.IsNullOrEmpty(cookieCode)) return ResumeCodeState.Missing;
        await using var cmd = server.Metadata.CreateCommand("SELECT resume_code_hash FROM learners WHERE id = $1");
        cmd.Parameters.AddWithValue(learnerId);
        return ResumeCode.Matches(cookieCode, await cmd.ExecuteScalarAsync(ct) as string) ? ResumeCodeState.Current : ResumeCodeState.Replaced;
    });
}
