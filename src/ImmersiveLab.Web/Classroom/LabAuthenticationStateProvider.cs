using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace ImmersiveLab.Web.Classroom;

/// <summary>
/// The circuit's sign-in, checked again every <see cref="Interval"/> while the page is open: a circuit started with an
/// instructor cookie whose token was rotated, or with a learner who was removed or whose class ended, becomes
/// anonymous (instructor pages then send to the sign-in; the classroom bar sends a learner to /join).
/// </summary>
public sealed class LabAuthenticationStateProvider(ILoggerFactory loggers, SignInValidator validator)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        validator.IsStillValidAsync(authenticationState.User, cancellationToken);
}
