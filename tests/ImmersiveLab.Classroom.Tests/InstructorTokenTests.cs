using ImmersiveLab.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class InstructorTokenTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private InstructorToken Token(string? configured = null) =>
        new(fx.Get<LabServer>(), Options.Create(new ClassroomOptions { InstructorToken = configured }), NullLogger<InstructorToken>.Instance);

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
    }

    [Fact]
    public async Task Rotating_replaces_the_generated_token()
    {
        var token = Token();
        var before = await token.GetAsync(Ct);
        var after = await token.RotateAsync(Ct);
        Assert.NotEqual(before, after);
        Assert.False(await Token().VerifyAsync(before, Ct));
        Assert.True(await Token().VerifyAsync(after, Ct));
    }
}
