using System.Diagnostics.Metrics;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Sandbox.Tests.Admission;

/// <summary>What the admission tells the sandbox meter: every wait for a slot with how it ended, and the slots now.</summary>
public sealed class AdmissionMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<SandboxMetrics>().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, string? Outcome)> _measured = [];
    private readonly FakeTimeProvider _time = new();

    public AdmissionMetricsTests()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? outcome = null;
        foreach (var tag in tags)
            if (tag.Key == SandboxTelemetry.OutcomeTag) outcome = (string?)tag.Value;
        lock (_measured) _measured.Add((instrument.Name, value, outcome));
    }

    private RunAdmission Admission(int slots) =>
        new(Options.Create(new SandboxOptions { MaxConcurrentRuns = slots, QueueTimeout = TimeSpan.FromMinutes(1) }), _services.GetRequiredService<SandboxMetrics>(), _time);

    private List<(double Value, string? Outcome)> Waits()
    {
        lock (_measured) return _measured.Where(m => m.Instrument == SandboxMetrics.QueueWaitName).Select(m => (m.Value, m.Outcome)).ToList();
    }

    [Fact]
    public async Task A_free_slot_is_a_wait_of_nothing_and_a_queued_run_waits_until_one_is_released()
    {
        var admission = Admission(slots: 1);
        var first = await admission.EnterAsync(null, CancellationToken.None);
        var second = admission.EnterAsync(null, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3)); // the second run waits this long for the first's slot
        first.Dispose();
        (await second).Dispose();

        var waits = Waits();
        Assert.Equal(2, waits.Count);
        Assert.Equal((0, "admitted"), (waits[0].Value, waits[0].Outcome));
        Assert.Equal((3, "admitted"), (waits[1].Value, waits[1].Outcome));
    }

    [Fact]
    public async Task A_run_cancelled_in_the_queue_is_a_wait_of_its_own()
    {
        var admission = Admission(slots: 1);
        using var slot = await admission.EnterAsync(null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = admission.EnterAsync(null, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        Assert.Equal(["admitted", "cancelled"], Waits().Select(w => w.Outcome));
    }

    [Fact]
    public async Task The_slots_in_use_the_queue_and_the_limit_are_observed()
    {
        var admission = Admission(slots: 2);
        using var a = await admission.EnterAsync(null, CancellationToken.None);
        using var b = await admission.EnterAsync(null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var queued = admission.EnterAsync(null, cancel.Token);

        _listener.RecordObservableInstruments();
        lock (_measured)
        {
            Assert.Contains(("immersivelab.run.active", 2.0, (string?)null), _measured);
            Assert.Contains(("immersivelab.run.queue.length", 1.0, (string?)null), _measured);
            Assert.Contains(("immersivelab.run.slot.limit", 2.0, (string?)null), _measured);
        }
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
