using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox.Tests;

/// <summary>Sandboxes made in the background when learners join, before their first Run, on the real cluster.</summary>
[Collection(nameof(SandboxCollection))]
public sealed class SandboxPrewarmerTests(SandboxFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private SandboxPrewarmer NewPrewarmer(bool on = true)
    {
        var options = fixture.Options;
        var copy = new SandboxOptions { PrewarmOnJoin = on, ConnectionLimit = options.ConnectionLimit, StatementTimeout = options.StatementTimeout };
        return new SandboxPrewarmer(fixture.Provisioner, Options.Create(copy), NullLogger<SandboxPrewarmer>.Instance);
    }

    [Fact]
    public async Task Queued_learners_get_their_sandboxes_before_any_run_and_their_first_run_uses_them()
    {
        using var prewarmer = NewPrewarmer();
        var learners = new List<LearnerRef>();
        for (var i = 0; i < 3; i++) learners.Add(await fixture.NewLearnerAsync("pw"));
        foreach (var learner in learners) Assert.Null(await fixture.Provisioner.InspectAsync(learner.Id, CancellationToken.None));

        await prewarmer.StartAsync(CancellationToken.None);
        Assert.True(prewarmer.Enqueue(learners[0]));
        prewarmer.Enqueue(learners[0]); // joining twice at once: at most one more EnsureAsync, which finds it made
        Assert.True(prewarmer.Enqueue(learners[1]));
        Assert.True(prewarmer.Enqueue(learners[2]));

        var deadline = DateTime.UtcNow + Patience;
        while (prewarmer.Pending > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, prewarmer.Pending);
        foreach (var learner in learners)
            Assert.NotNull(await fixture.Provisioner.InspectAsync(learner.Id, CancellationToken.None));

        // The first Run uses the sandbox made ahead (no second one).
        var before = await fixture.Provisioner.InspectAsync(learners[2].Id, CancellationToken.None);
        await fixture.RunOkAsync(learners[2], "CREATE TABLE mine (x int)");
        Assert.Equal(before!.DatabaseName, (await fixture.Provisioner.InspectAsync(learners[2].Id, CancellationToken.None))!.DatabaseName);
        await prewarmer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Turned_off_it_queues_nothing()
    {
        using var prewarmer = NewPrewarmer(on: false);
        var learner = await fixture.NewLearnerAsync("pw-off");
        Assert.False(prewarmer.Enqueue(learner));
        Assert.Equal(0, prewarmer.Pending);
        Assert.Null(await fixture.Provisioner.InspectAsync(learner.Id, CancellationToken.None));
    }
}
