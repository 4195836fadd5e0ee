using ImmersiveLab.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class InstructorTokenTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private InstructorToken Token(string? configured = null, TimeProvider? time = null) =>
        new(fx.Get<LabServer>(), Options.Create(new ClassroomOptions { InstructorToken = configured }), time ?? TimeProvider.System,
            NullLogger<InstructorToken>.Instance);

    [Fact]
    public async Task A_generated_token_is_shared_by_every_instance_and_survives_restarts()
    {
        var first = await Token().GetAsync(Ct);
        Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", first);
        Assert.Equal(first, await Token().GetAsync(Ct)); // another instance (or after a restart): the same token
        Assert.True(await Token().VerifyAsync(first, Ct));
        Assert.True(await Token().VerifyAsync($"  {first} ", Ct));
        Assert.False(await Token().VerifyAsync(first.ToUpperInvariant(), Ct));
        Assert.False(await Token().VerifyAsync("", Ct));
        Assert.False(await Token().VerifyAsync(null, Ct));
    }

    [Fact]
    public async Task A_configured_token_wins_and_must_be_long_enough()
    {
        var configured = Token("course-secret-2026");
        Assert.True(configured.IsConfigured);
        Assert.True(await configured.VerifyAsync("course-secret-2026", Ct));
        Assert.False(await configured.VerifyAsync(await Token().GetAsync(Ct), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Token("short").GetAsync(Ct));
        await Assert.ThrowsAsync<ClassroomException>(() => configured.RotateAsync(Ct));
        Assert.Equal(InstructorToken.Stamp("course-secret-2026"), await configured.StampAsync(Ct));
    }

    [Fact]
    public async Task Rotating_replaces_the_token_and_its_stamp_on_every_instance_once_they_read_it_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var here = Token();
        var elsewhere = Token(time: clock);
        var before = await here.GetAsync(Ct);
        var oldStamp = await elsewhere.StampAsync(Ct);
        Assert.True(await elsewhere.IsCurrentAsync(oldStamp, Ct));

        var after = await here.RotateAsync(Ct);
        Assert.NotEqual(before, after);
        Assert.False(await here.IsCurrentAsync(oldStamp, Ct));
        Assert.True(await here.IsCurrentAsync(InstructorToken.Stamp(after), Ct));
        Assert.False(await Token().VerifyAsync(before, Ct));
        Assert.True(await Token().VerifyAsync(after, Ct));

        // Another instance keeps what it read for InstructorTokenRefresh (5 s), then sees the new token.
        Assert.True(await elsewhere.IsCurrentAsync(oldStamp, Ct));
        clock.Advance(new ClassroomOptions().InstructorTokenRefresh);
        Assert.False(await elsewhere.IsCurrentAsync(oldStamp, Ct));
        Assert.True(await elsewhere.VerifyAsync(after, Ct));
    }

    [Fact]
    public void The_stamp_reveals_nothing_of_the_token()
    {
        const string token = "abcde-fghij-kmnpq-rstuv";
        var stamp = InstructorToken.Stamp(token);
        Assert.Equal(32, stamp.Length);
        Assert.DoesNotContain("abcde", stamp, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(stamp, InstructorToken.Stamp(token + "x"));
    }
}
