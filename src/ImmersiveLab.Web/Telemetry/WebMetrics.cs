using System.Diagnostics.Metrics;

namespace ImmersiveLab.Web.Telemetry;

/// <summary>
/// The web app's own meter ("ImmersiveLab.Web"): learners connected and circuits reconnecting. Blazor's meters count
/// circuits themselves (aspnetcore.components.circuit.*).
/// </summary>
public sealed class WebMetrics
{
    public const string MeterName = "ImmersiveLab.Web";

    private readonly Counter<long> _reconnects;

    public WebMetrics(IMeterFactory meters, ConnectedLearners learners)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableUpDownCounter("immersivelab.learner.connected", () => learners.Count, "{learner}",
            "Learners with at least one page connected now (the solo learner counts once; the instructor not at all).");
        _reconnects = meter.CreateCounter<long>("immersivelab.circuit.reconnects", "{reconnect}",
            "Pages whose lost connection came back to the same circuit.");
    }

    public void Reconnected() => _reconnects.Add(1);
}
