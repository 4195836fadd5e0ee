using ImmersiveLab.Classroom;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Web.Learners;
using Microsoft.AspNetCore.Authentication;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// Writes the sign-in cookie for the server-rendered sign-in pages. One cookie holds both parts a browser can have: the
/// class learner (with their resume code) and the instructor (with the stamp of the current token); each page changes
/// its part and keeps the other.
/// </summary>
public sealed class ClassroomSignIn(InstructorToken token, SignInValidator validator, InstructorDevice device)
{
    private static readonly AuthenticationProperties Persistent = new() { IsPersistent = true };

    public async Task LearnerAsync(HttpContext http, LearnerRef learner, string? resumeCode)
    {
        validator.Forget(learner.Id);
        await http.SignInAsync(LabAuth.Scheme,
            LearnerClaims.Principal(learner.Id, learner.ClassId, learner.Name, LearnerClaims.ReadInstructorStamp(http.User), resumeCode), Persistent);
    }

    /// <summary>The instructor signed in with the right token: the current token's stamp, and this browser becomes a known device.</summary>
    public async Task InstructorAsync(HttpContext http, CancellationToken ct)
    {
        var user = http.User;
        var stamp = await token.StampAsync(ct);
        await http.SignInAsync(LabAuth.Scheme,
            LearnerClaims.Principal(LearnerClaims.Read(user), LearnerClaims.ReadClass(user), LearnerClaims.Read(user) is null ? null : user.Identity?.Name,
                stamp, LearnerClaims.ReadResumeCode(user)), Persistent);
        device.Remember(http);
    }

    /// <summary>Leaves the class (the instructor part stays).</summary>
    public async Task LeaveClassAsync(HttpContext http)
    {
        var user = http.User;
        if (LearnerClaims.Read(user) is { } id) validator.Forget(id);
        await http.SignOutAsync(LabAuth.Scheme);
        if (LearnerClaims.IsInstructor(user)) await http.SignInAsync(LabAuth.Scheme, LearnerClaims.InstructorOnly(user), Persistent);
    }

    /// <summary>Signs the instructor out (the learner part stays).</summary>
    public async Task SignOutInstructorAsync(HttpContext http)
    {
        var user = http.User;
        await http.SignOutAsync(LabAuth.Scheme);
        if (LearnerClaims.Read(user) is not null) await http.SignInAsync(LabAuth.Scheme, LearnerClaims.LearnerOnly(user), Persistent);
    }
}
