namespace ImmersiveLab.Web.Learners;

/// <summary>
/// How a request names its learner. Solo mode needs nothing: everyone is the one implicit learner. A classroom
/// (issue 8) signs the learner in with a cookie whose principal carries <see cref="LearnerId"/>; both the
/// circuit (<see cref="CircuitLearner"/>) and plain requests (<see cref="HttpLearnerAccessor"/>) read it from there.
/// </summary>
public static class LearnerClaims
{
    public const string LearnerId = "imlab:learner";

    public static Guid? Read(System.Security.Claims.ClaimsPrincipal? user) =>
        user?.FindFirst(LearnerId)?.Value is { } value && Guid.TryParse(value, out var id) ? id : null;
}
