using System.Collections.Concurrent;
using ImmersiveLab.Classroom;
using ImmersiveLab.Web.Learners;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// Checks a learner's sign-in cookie against the metadata database (cached briefly): once their class ended or was
/// deleted the cookie stops working and they are sent to /join. While the database is unreachable the cookie is
/// trusted, so a database restart never signs a class out.
/// </summary>
public sealed class SignInValidator(ClassJoiner joiner, TimeProvider time, ILogger<SignInValidator> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<Guid, (bool Valid, DateTimeOffset CheckedAt)> _cache = new();

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (LearnerClaims.Read(context.Principal) is not { } learnerId) return;
        if (await IsValidAsync(learnerId, context.HttpContext.RequestAborted)) return;
        if (LearnerClaims.IsInstructor(context.Principal))
        {
            context.ReplacePrincipal(LearnerClaims.Principal(null, null, null, instructor: true));
            context.ShouldRenew = true;
            return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(LabAuth.Scheme);
    }

    /// <summary>Forgets what is known of a learner (after joining again or leaving).</summary>
    public void Forget(Guid learnerId) => _cache.TryRemove(learnerId, out _);

    private async Task<bool> IsValidAsync(Guid learnerId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(learnerId, out var known) && now - known.CheckedAt < CacheFor) return known.Valid;
        try
        {
            var valid = await joiner.ValidateAsync(learnerId, ct) is not null;
            _cache[learnerId] = (valid, now);
            return valid;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogDebug(e, "Cannot check the sign-in of learner {Learner} now; trusting the cookie", learnerId);
            return true;
        }
    }
}
