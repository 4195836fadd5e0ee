using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Learners;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// The app's fallback policy: a request may use the lab when it is signed in (a class learner or the instructor), or
/// when Classroom:SoloAccess lets it be the solo learner (by default: from this machine only). Everything else is sent
/// to /join. Pages and endpoints that must stay open (join, instructor sign-in, static files, health) allow anonymous.
/// </summary>
public sealed class ClassroomAccessRequirement : IAuthorizationRequirement;

public sealed class ClassroomAccessHandler(IOptionsMonitor<ClassroomOptions> options) : AuthorizationHandler<ClassroomAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ClassroomAccessRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (Allows(context.User, http, options.CurrentValue.SoloAccess)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public static bool Allows(System.Security.Claims.ClaimsPrincipal user, HttpContext? http, SoloAccess solo)
    {
        if (LearnerClaims.Read(user) is not null || LearnerClaims.IsInstructor(user)) return true;
        return solo switch
        {
            SoloAccess.Anyone => true,
            SoloAccess.Loopback => http is not null && LoopbackRequest.Is(http),
            _ => false,
        };
    }
}
