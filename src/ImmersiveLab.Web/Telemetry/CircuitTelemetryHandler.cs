using ImmersiveLab.Web.Learners;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ImmersiveLab.Web.Telemetry;

/// <summary>
/// Follows one circuit (scoped): whose it is (a class learner by their sign-in, else the solo learner; the instructor's
/// pages are not a learner's), whether its connection is up, and reconnections.
/// </summary>
public sealed class CircuitTelemetryHandler(ConnectedLearners learners, WebMetrics metrics, IServiceProvider services) : CircuitHandler
{
    private bool _wasDown;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = services.GetService<AuthenticationStateProvider>() is { } auth ? (await auth.GetAuthenticationStateAsync()).User : null;
        var learner = LearnerClaims.Read(user);
        if (learner is null && LearnerClaims.IsInstructor(user)) return;
        learners.Set(circuit.Id, learner ?? Guid.Empty, connected: true);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        learners.Connection(circuit.Id, connected: false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasDown) metrics.Reconnected();
        _wasDown = false;
        learners.Connection(circuit.Id, connected: true);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        learners.Remove(circuit.Id);
        return Task.CompletedTask;
    }
}
