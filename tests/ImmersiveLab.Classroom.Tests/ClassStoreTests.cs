namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class ClassStoreTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_new_class_gets_a_generated_code_and_the_default_limit()
    {
        var cls = await fx.Classes.CreateAsync(new NewClass("  Monday course "), Ct);
        Assert.Equal("Monday course", cls.Name);
        Assert.Null(ClassCode.Problem(cls.Code));
        Assert.Equal(100, cls.MaxLearners);
        Assert.Empty(cls.Labs);
        Assert.True(cls.IsOpen);
        Assert.Equal(cls.Id, (await fx.Classes.FindByCodeAsync(cls.Code.ToLowerInvariant(), Ct))?.Id);
    }

    [Fact]
    public async Task A_chosen_code_is_unique_regardless_of_case()
    {
        var code = "PG-" + ClassCode.Generate();
        await fx.Classes.CreateAsync(new NewClass("first", code), Ct);
        var e = await Assert.ThrowsAsync<ClassroomException>(() => fx.Classes.CreateAsync(new NewClass("second", code.ToLowerInvariant()), Ct));
        Assert.Contains("already used", e.Message);
    }

    [Theory]
    [InlineData("", null, null, "name")]
    [InlineData("ok", "ab cd", null, "letters")]
    [InlineData("ok", null, 0, "1 to 1000")]
    [InlineData("ok", null, 5000, "1 to 1000")]
    public async Task Bad_class_settings_are_refused(string name, string? code, int? max, string says)
    {
        var e = await Assert.ThrowsAsync<ClassroomException>(() => fx.Classes.CreateAsync(new NewClass(name, code, null, max), Ct));
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public async Task Labs_must_exist()
    {
        var e = await Assert.ThrowsAsync<ClassroomException>(() => fx.Classes.CreateAsync(new NewClass("x", null, ["welcome", "no-such-lab"]), Ct));
        Assert.Contains("no-such-lab", e.Message);
    }

    [Fact]
    public async Task Locking_pushing_and_closing_bump_the_revision_every_instance_watches()
    {
        var cls = await fx.NewClassAsync(labs: ["welcome", "vectors"]);
        var locked = await fx.Classes.SetLabLockedAsync(cls.Id, "vectors", true, Ct);
        Assert.True(locked.IsLocked("vectors"));
        Assert.False(locked.IsLocked("welcome"));
        Assert.True(locked.Revision > cls.Revision);
        Assert.Equal(locked.LockedLabs, (await fx.Classes.SetLabLockedAsync(cls.Id, "vectors", true, Ct)).LockedLabs); // twice: still once

        var pushed = await fx.Classes.PushStepAsync(cls.Id, "welcome", 2, Ct);
        Assert.Equal(new StepPush(1, "welcome", 2, pushed.Push!.AtUtc), pushed.Push);
        var again = await fx.Classes.PushStepAsync(cls.Id, "welcome", 3, Ct);
        Assert.Equal(2, again.Push!.Sequence);

        var unlocked = await fx.Classes.SetLabLockedAsync(cls.Id, "vectors", false, Ct);
        Assert.Empty(unlocked.LockedLabs);
        var closed = await fx.Classes.CloseAsync(cls.Id, Ct);
        Assert.False(closed.IsOpen);
        Assert.True(closed.Revision > unlocked.Revision);
        Assert.True((await fx.Classes.ReopenAsync(cls.Id, Ct)).IsOpen);
    }

    [Fact]
    public async Task A_push_must_name_a_step_of_the_lab()
    {
        var cls = await fx.NewClassAsync();
        var steps = fx.Catalog.Find("welcome")!.Document("en").Steps.Count;
        await fx.Classes.PushStepAsync(cls.Id, "welcome", 0, Ct);
        await fx.Classes.PushStepAsync(cls.Id, "welcome", steps, Ct);
        await Assert.ThrowsAsync<ClassroomException>(() => fx.Classes.PushStepAsync(cls.Id, "welcome", steps + 1, Ct));
        await Assert.ThrowsAsync<ClassroomException>(() => fx.Classes.PushStepAsync(cls.Id, "welcome", -1, Ct));
        await Assert.ThrowsAsync<ClassroomException>(() => fx.Classes.PushStepAsync(cls.Id, "nope", 1, Ct));
    }

    [Fact]
    public async Task Changing_a_class_that_is_gone_says_so()
    {
        var cls = await fx.NewClassAsync();
        Assert.True(await fx.Classes.DeleteAsync(cls.Id, Ct));
        await Assert.ThrowsAsync<ClassroomException>(() => fx.Classes.SetLabLockedAsync(cls.Id, "welcome", true, Ct));
        Assert.Null(await fx.Classes.GetAsync(cls.Id, Ct));
    }
}
