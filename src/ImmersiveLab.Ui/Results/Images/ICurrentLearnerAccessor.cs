using Microsoft.AspNetCore.Http;

namespace ImmersiveLab.Ui.Results.Images;

/// <summary>
/// Implemented by the host: who is asking, from the request's claims or cookie. The image endpoint serves a link
/// only to the learner it was issued for.
/// </summary>
public interface ICurrentLearnerAccessor
{
    /// <summary>The learner making this request, or null when the request is anonymous.</summary>
    Guid? GetLearnerId(HttpContext httpContext);
}
