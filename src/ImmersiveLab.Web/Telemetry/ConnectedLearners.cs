namespace ImmersiveLab.Web.Telemetry;

/// <summary>
/// Which learners have a page connected now, by circuit (singleton; <see cref="CircuitTelemetryHandler"/> keeps it). A
/// learner with three tabs counts once; a circuit whose connection is down does not count until it is back.
/// </summary>
public sealed class ConnectedLearners
{
    private readonly Dictionary<string, (Guid Learner, bool Connected)> _circuits = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_circuits) return _circuits.Values.Where(c => c.Connected).Select(c => c.Learner).Distinct().Count();
        }
    }

    public void Set(string circuitId, Guid learner, bool connected)
    {
        lock (_circuits) _circuits[circuitId] = (learner, connected);
    }

    public void Connection(string circuitId, bool connected)
    {
        lock (_circuits)
            if (_circuits.TryGetValue(circuitId, out var c)) _circuits[circuitId] = c with { Connected = connected };
    }

    public void Remove(string circuitId)
    {
        lock (_circuits) _circuits.Remove(circuitId);
    }
}
