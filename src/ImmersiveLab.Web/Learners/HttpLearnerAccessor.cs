using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Ui.Results.Images;

namespace ImmersiveLab.Web.Learners;

/// <summary>
/// The learner of a plain HTTP request (the result image endpoint): the signed-in classroom learner, else the solo
/// learner once this process has looked it up (it has, before any image link of theirs could be issued).
/// </summary>
public sealed class HttpLearnerAccessor(SoloLearner solo) : ICurrentLearnerAccessor
{
    public Guid? GetLearnerId(HttpContext httpContext) => LearnerClaims.Read(httpContext.User) ?? solo.KnownId;
}
