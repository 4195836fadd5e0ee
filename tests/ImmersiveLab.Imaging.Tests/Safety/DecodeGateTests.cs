using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Imaging.Tests.Safety;

/// <summary>The server-wide limit on decodes at once: a slot each, a queue with a time limit, and "busy" after it.</summary>
public sealed class DecodeGateTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static DecodeGate Gate(int capacity, TimeProvider time) =>
        new(Options.Create(new ImageValidationOptions { MaxConcurrentDecodes = capacity, DecodeQueueTimeout = TimeSpan.FromSeconds(10) }), time);

    [Fact]
    public async Task No_more_than_its_capacity_hold_a_slot_and_the_next_goes_in_when_one_is_freed()
    {
        using var gate = Gate(2, new FakeTimeProvider());
        var first = await gate.EnterAsync(Ct);
        using var second = await gate.EnterAsync(Ct);

        var third = gate.EnterAsync(Ct);
        var fourth = gate.EnterAsync(Ct);
        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, gate.Running);
        Assert.Equal(2, gate.Waiting);

        first.Dispose();
        first.Dispose(); // twice frees one slot, not two
        var next = await Task.WhenAny(third, fourth);
        using var admitted = await next;
        Assert.Equal(2, gate.Running);
        Assert.Equal(1, gate.Waiting);
        Assert.False((next == third ? fourth : third).IsCompleted);
    }

    [Fact]
    public async Task A_caller_that_waits_past_the_queue_time_is_told_the_lab_is_busy()
    {
        var time = new FakeTimeProvider();
        using var gate = Gate(1, time);
        using var held = await gate.EnterAsync(Ct);

        var waiting = gate.EnterAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var busy = await Assert.ThrowsAsync<ImageRejectedException>(() => waiting);
        Assert.Equal(ImageRejectionReason.Busy, busy.Reason);
        Assert.Equal(10, busy.Value);
        Assert.Contains("try again in a moment", busy.Message);
        Assert.Equal(0, gate.Waiting);
        Assert.Equal(1, gate.Running); // the one that gave up took no slot
    }

    [Fact]
    public async Task A_cancelled_wait_is_a_cancel_not_busy()
    {
        using var gate = Gate(1, new FakeTimeProvider());
        using var held = await gate.EnterAsync(Ct);
        using var cts = new CancellationTokenSource();
        var waiting = gate.EnterAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public void By_default_one_decode_per_core()
    {
        using var gate = new DecodeGate();
        Assert.Equal(Environment.ProcessorCount, gate.Capacity);
    }

    [Fact]
    public void Image_limits_that_cannot_work_are_refused()
    {
        var validator = new ImageValidationOptionsValidator();
        Assert.True(validator.Validate(null, new ImageValidationOptions()).Succeeded);
        var failures = validator.Validate(null, new ImageValidationOptions
        {
            MaxPixels = 1000, MaxUploadPixels = 0, MaxConcurrentDecodes = -1, DecodeQueueTimeout = TimeSpan.FromSeconds(-1),
        }).Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Imaging:MaxUploadPixels must be positive"));
        Assert.Contains(failures, f => f.Contains("Imaging:MaxConcurrentDecodes"));
        Assert.Contains(failures, f => f.Contains("Imaging:DecodeQueueTimeout"));
    }
}
