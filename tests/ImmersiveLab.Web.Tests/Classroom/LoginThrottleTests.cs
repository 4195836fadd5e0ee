using ImmersiveLab.Web.Classroom;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Web.Tests.Classroom;

public sealed class LoginThrottleTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private static Task<bool> Wrong() => Task.FromResult(false);
    private static Task<bool> Right() => Task.FromResult(true);

    [Fact]
    public async Task Wrong_tokens_make_the_next_tries_of_that_source_wait_longer_and_longer_up_to_a_cap()
    {
        var throttle = new LoginThrottle(_clock);
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.DelayFor("a"));
            Assert.False(await throttle.AttemptAsync("a", Wrong, CancellationToken.None));
        }
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            delays.Add(throttle.DelayFor("a"));
            var attempt = throttle.AttemptAsync("a", Wrong, CancellationToken.None);
            _clock.Advance(delays[^1]);
            Assert.False(await attempt);
        }
        Assert.Equal(TimeSpan.FromSeconds(1), delays[0]);
        Assert.Equal(TimeSpan.FromSeconds(2), delays[1]);
        Assert.Equal(TimeSpan.FromSeconds(4), delays[2]);
        Assert.Equal(LoginThrottle.MaxSourceDelay, delays[^1]);
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("b")); // another source is not slowed
        _clock.Advance(LoginThrottle.Window);
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("a")); // the failures are forgotten after the window
    }

    [Fact]
    public async Task The_right_token_is_never_refused_it_waits_at_most_the_delay_and_then_the_source_starts_afresh()
    {
        var throttle = new LoginThrottle(_clock);
        for (var i = 0; i < 20; i++)
        {
            var attempt = throttle.AttemptAsync("nat", Wrong, CancellationToken.None);
            _clock.Advance(throttle.DelayFor("nat") + TimeSpan.FromSeconds(20));
            await attempt;
        }
        var right = throttle.AttemptAsync("nat", Right, CancellationToken.None);
        Assert.False(right.IsCompleted); // it waits its turn...
        _clock.Advance(LoginThrottle.MaxSourceDelay);
        Assert.True(await right); // ...and gets in
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor("nat"));
    }

    [Fact]
    public async Task Attempts_of_one_source_sent_at_once_are_checked_one_after_another()
    {
        var throttle = new LoginThrottle(_clock);
        var gate = new TaskCompletionSource();
        var inside = 0;
        var most = 0;
        async Task<bool> Guess()
        {
            most = Math.Max(most, Interlocked.Increment(ref inside));
            await gate.Task;
            Interlocked.Decrement(ref inside);
            return false;
        }

        var first = throttle.AttemptAsync("burst", Guess, CancellationToken.None);
        var second = throttle.AttemptAsync("burst", Guess, CancellationToken.None);
        var elsewhere = throttle.AttemptAsync("other", Right, CancellationToken.None);
        Assert.Equal(1, inside); // the second guess waits for the first to be answered
        Assert.False(second.IsCompleted);
        Assert.True(await elsewhere); // another source does not wait for this one
        gate.SetResult();
        Assert.False(await first);
        Assert.False(await second);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task Many_wrong_tokens_from_everywhere_slow_everyone_a_little()
    {
        var throttle = new LoginThrottle(_clock);
        for (var i = 0; i < LoginThrottle.GlobalFreeFailures + 30; i++)
        {
            var attempt = throttle.AttemptAsync("botnet-" + i, Wrong, CancellationToken.None);
            _clock.Advance(LoginThrottle.MaxGlobalDelay);
            await attempt;
        }
        var delay = throttle.DelayFor("a-new-source");
        Assert.True(delay > TimeSpan.Zero);
        Assert.True(delay <= LoginThrottle.MaxGlobalDelay);
    }
}
