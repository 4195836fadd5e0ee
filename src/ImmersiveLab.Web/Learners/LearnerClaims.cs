using System.Security.Claims;
using ImmersiveLab.Web.Classroom;

namespace ImmersiveLab.Web.Learners;

/// <summary>
/// How a request names its learner. Solo mode needs nothing: everyone allowed in is the one implicit learner. A
/// classroom learner signs in at /join with a cookie whose principal carries <see cref="LearnerId"/> and
/// <see cref="ClassId"/>; the instructor's carries <see cref="Instructor"/>. Both the circuit
/// (<see cref="CircuitLearner"/>) and plain requests (<see cref="HttpLearnerAccessor"/>) read them from there.
/// </summary>
public static class LearnerClaims
{
    public const string LearnerId = "imlab:learner";
    public const string ClassId = "imlab:class";
    public const string Instructor = "imlab:instructor";

    public static Guid? Read(ClaimsPrincipal? user) =>
        user?.FindFirst(LearnerId)?.Value is { } value && Guid.TryParse(value, out var id) ? id : null;

    public static Guid? ReadClass(ClaimsPrincipal? user) =>
        user?.FindFirst(ClassId)?.Value is { } value && Guid.TryParse(value, out var id) ? id : null;

    public static bool IsInstructor(ClaimsPrincipal? user) => user?.HasClaim(Instructor, "true") == true;

    /// <summary>A principal for the cookie: the learner (if any) and the instructor flag (if set).</summary>
    public static ClaimsPrincipal Principal(Guid? learnerId, Guid? classId, string? name, bool instructor)
    {
        var claims = new List<Claim>();
        if (learnerId is { } l) claims.Add(new Claim(LearnerId, l.ToString()));
        if (classId is { } c) claims.Add(new Claim(ClassId, c.ToString()));
        if (name is not null) claims.Add(new Claim(ClaimTypes.Name, name));
        if (instructor) claims.Add(new Claim(Instructor, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, LabAuth.Scheme));
    }
}
