using System.Collections.Concurrent;
using System.Security.Claims;
using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Learners;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// Checks a sign-in cookie on every request (and, through <see cref="LabAuthenticationStateProvider"/>, every live
/// circuit now and then): the learner part against the metadata database (cached briefly; once their class ended or
/// was deleted, or the instructor removed them, it stops working and they are sent to /join), the instructor part
/// against the stamp of the current instructor token (a rotated token ends every instructor session). A cookie with one
/// part still good keeps that part. While the database is unreachable a learner's cookie is trusted, so a database
/// restart never signs a class out; an instructor's is checked against the token read last.
/// </summary>
public sealed class SignInValidator(ClassJoiner joiner, InstructorToken token, TimeProvider time, ILogger<SignInValidator> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<Guid, (bool Valid, DateTimeOffset CheckedAt)> _cache = new();

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } user) return;
        var ct = context.HttpContext.RequestAborted;
        var (learnerOk, instructorOk) = await CheckAsync(user, ct);
        if (learnerOk && instructorOk) return;
        var learner = LearnerClaims.Read(user) is not null && learnerOk;
        var instructor = LearnerClaims.IsInstructor(user) && instructorOk;
        if (learner || instructor)
        {
            context.ReplacePrincipal(learner ? LearnerClaims.LearnerOnly(user) : LearnerClaims.InstructorOnly(user));
            context.ShouldRenew = true;
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(LabAuth.Scheme);
    }

    /// <summary>For a live circuit: false once any part of its sign-in stopped working (the circuit then becomes
    /// anonymous; the next page load keeps what is still good).</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var (learnerOk, instructorOk) = await CheckAsync(user, ct);
        return learnerOk && instructorOk;
    }

    /// <summary>Forgets what is known of a learner (after joining again, leaving or being removed).</summary>
    public void Forget(Guid learnerId) => _cache.TryRemove(learnerId, out _);

    private async Task<(bool LearnerOk, bool InstructorOk)> CheckAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var learnerOk = LearnerClaims.Read(user) is not { } learnerId || await IsValidLearnerAsync(learnerId, ct);
        var instructorOk = !LearnerClaims.IsInstructor(user) || await IsCurrentInstructorAsync(LearnerClaims.ReadInstructorStamp(user), ct);
        return (learnerOk, instructorOk);
    }

    private async Task<bool> IsCurrentInstructorAsync(string? stamp, CancellationToken ct)
    {
        try
        {
            return await token.IsCurrentAsync(stamp, ct);
        }
        catch (ClassroomUnavailableException e)
        {
            // Never read the token since this instance started, and the database does not answer: sign in again later.
            logger.LogDebug(e, "Cannot check an instructor sign-in now");
            return false;
        }
    }

    private async Task<bool> IsValidLearnerAsync(Guid learnerId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(learnerId, out var known) && now - known.CheckedAt < CacheFor) return known.Valid;
        try
        {
            var valid = await joiner.ValidateAsync(learnerId, ct) is not null;
            _cache[learnerId] = (valid, now);
            return valid;
        }
        catch (ClassroomUnavailableException e)
        {
            logger.LogDebug(e, "Cannot check the sign-in of learner {Learner} now; trusting the cookie", learnerId);
            return true;
        }
    }
}
