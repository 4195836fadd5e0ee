using System.Security.Claims;
using ImmersiveLab.Web.Classroom;

namespace ImmersiveLab.Web.Learners;

/// <summary>
/// How a request names its learner. Solo mode needs nothing: everyone allowed in is the one implicit learner. A
/// classroom learner signs in at /join with a cookie whose principal carries <see cref="LearnerId"/>,
/// <see cref="ClassId"/> and their <see cref="ResumeCode"/> (shown on their own pages; the server keeps only its hash);
/// the instructor's carries <see cref="Instructor"/> and the <see cref="InstructorStamp"/> of the token it was made
/// with. Both the circuit (<see cref="CircuitLearner"/>) and plain requests (<see cref="HttpLearnerAccessor"/>) read them
/// from there.
/// </summary>
public static class LearnerClaims
{
    public const string LearnerId = "imlab:learner";
    public const string ClassId = "imlab:class";
    public const string ResumeCode = "imlab:resume";
    public const string Instructor = "imlab:instructor";
    public const string InstructorStamp = "imlab:instructor-stamp";

    public static Guid? Read(ClaimsPrincipal? user) =>
        user?.FindFirst(LearnerId)?.Value is { } value && Guid.TryParse(value, out var id) ? id : null;

    public static Guid? ReadClass(ClaimsPrincipal? user) =>
        user?.FindFirst(ClassId)?.Value is { } value && Guid.TryParse(value, out var id) ? id : null;

    public static string? ReadResumeCode(ClaimsPrincipal? user) => user?.FindFirst(ResumeCode)?.Value;

    public static bool IsInstructor(ClaimsPrincipal? user) => user?.HasClaim(Instructor, "true") == true;

    public static string? ReadInstructorStamp(ClaimsPrincipal? user) => IsInstructor(user) ? user!.FindFirst(InstructorStamp)?.Value : null;

    /// <summary>A principal for the cookie: the learner (if any), and the instructor (when <paramref name="instructorStamp"/> is given).</summary>
    public static ClaimsPrincipal Principal(Guid? learnerId, Guid? classId, string? name, string? instructorStamp, string? resumeCode = null)
    {
        var claims = new List<Claim>();
        if (learnerId is { } l) claims.Add(new Claim(LearnerId, l.ToString()));
        if (classId is { } c) claims.Add(new Claim(ClassId, c.ToString()));
        if (name is not null) claims.Add(new Claim(ClaimTypes.Name, name));
        if (learnerId is not null && resumeCode is not null) claims.Add(new Claim(ResumeCode, resumeCode));
        if (instructorStamp is not null)
        {
            claims.Add(new Claim(Instructor, "true"));
            claims.Add(new Claim(InstructorStamp, instructorStamp));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, LabAuth.Scheme));
    }

    /// <summary>The same sign-in without the instructor part (a learner who was also signed in as the instructor).</summary>
    public static ClaimsPrincipal LearnerOnly(ClaimsPrincipal user) =>
        Principal(Read(user), ReadClass(user), user.Identity?.Name, null, ReadResumeCode(user));

    /// <summary>The same sign-in without the learner part (the instructor who had also joined a class).</summary>
    public static ClaimsPrincipal InstructorOnly(ClaimsPrincipal user) => Principal(null, null, null, ReadInstructorStamp(user));
}
