using ImmersiveLab.Sandbox.Learners;
using Microsoft.AspNetCore.Components.Authorization;

namespace ImmersiveLab.Web.Learners;

/// <summary>
/// The learner of one Blazor circuit (scoped): the signed-in classroom learner when the circuit's user carries a
/// learner claim, else the solo learner. Resolved once per circuit. The web app's <see cref="ILearnerContext"/>.
/// </summary>
public sealed class CircuitLearner(SoloLearner solo, LearnerDirectory directory, IServiceProvider services, ILogger<CircuitLearner> logger) : ILearnerContext
{
    private LearnerRef? _learner;

    public async Task<LearnerRef> GetAsync(CancellationToken ct)
    {
        if (_learner is { } known) return known;
        // Optional: present in the app (Blazor registers it), absent in component tests without authentication.
        if (services.GetService<AuthenticationStateProvider>() is { } auth
            && LearnerClaims.Read((await auth.GetAuthenticationStateAsync()).User) is { } id)
        {
            _learner = await directory.FindAsync(id, ct)
                ?? throw new InvalidOperationException("Your sign-in names a learner that no longer exists; join the class again.");
            logger.LogDebug("Circuit learner {Learner} from the sign-in cookie", _learner);
            return _learner;
        }

        return _learner = await solo.GetAsync(ct);
    }
}
