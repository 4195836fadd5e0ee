using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class ClassBroadcasterTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_change_made_through_another_app_instance_reaches_the_subscribers_of_this_one()
    {
        // A second app instance: its own services (and broadcaster) on the same metadata database.
        await using var other = fx.BuildServices(fx.DataDirectory);
        await other.GetRequiredService<ImmersiveLab.Database.LabServer>().StartAsync(Ct);
        var here = fx.Get<ClassBroadcaster>();
        var there = other.GetRequiredService<ClassStore>();

        var cls = await fx.NewClassAsync(labs: ["welcome"]);
        await here.PollAsync(Ct);
        Assert.Equal(cls.Revision, here.Latest(cls.Id)!.Revision);

        var seen = new List<ClassInfo>();
        using (here.Subscribe(cls.Id, c => { lock (seen) seen.Add(c); }))
        {
            await there.SetLabLockedAsync(cls.Id, "welcome", true, Ct);
            await here.PollAsync(Ct);
            await there.PushStepAsync(cls.Id, "welcome", 2, Ct);
            await here.PollAsync(Ct);
            await here.PollAsync(Ct); // nothing new: no notification
        }
        await there.CloseAsync(cls.Id, Ct);
        await here.PollAsync(Ct); // unsubscribed: not told

        Assert.Equal(2, seen.Count);
        Assert.True(seen[0].IsLocked("welcome"));
        Assert.Equal(("welcome", 2), (seen[1].Push!.LabId, seen[1].Push!.Step));
        Assert.False(here.Latest(cls.Id)!.IsOpen);
    }

    [Fact]
    public async Task A_deleted_class_is_reported_as_ended()
    {
        var here = fx.Get<ClassBroadcaster>();
        var cls = await fx.NewClassAsync();
        await here.PollAsync(Ct);
        ClassInfo? last = null;
        using var _ = here.Subscribe(cls.Id, c => last = c);
        await fx.Classes.DeleteAsync(cls.Id, Ct);
        await here.PollAsync(Ct);
        Assert.False(last!.IsOpen);
        Assert.Null(here.Latest(cls.Id));
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        var here = fx.Get<ClassBroadcaster>();
        var cls = await fx.NewClassAsync(labs: ["welcome"]);
        await here.PollAsync(Ct);
        var told = false;
        using var a = here.Subscribe(cls.Id, _ => throw new InvalidOperationException("boom"));
        using var b = here.Subscribe(cls.Id, _ => told = true);
        await fx.Classes.SetLabLockedAsync(cls.Id, "welcome", true, Ct);
        await here.PollAsync(Ct);
        Assert.True(told);
    }
}
