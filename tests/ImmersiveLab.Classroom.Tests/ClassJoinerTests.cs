namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class ClassJoinerTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Rejoining_with_the_same_name_and_code_is_the_same_learner()
    {
        var cls = await fx.NewClassAsync();
        var first = await fx.Joiner.JoinAsync(cls.Code, "  Ada   Lovelace ", Ct);
        Assert.True(first.Joined);
        Assert.False(first.Rejoined);
        Assert.Equal("Ada Lovelace", first.Learner!.Name);
        Assert.Equal(cls.Id, first.Learner.ClassId);

        var again = await fx.Joiner.JoinAsync(cls.Code.ToLowerInvariant(), "Ada Lovelace", Ct);
        Assert.True(again.Rejoined);
        Assert.Equal(first.Learner.Id, again.Learner!.Id);

        var other = await fx.Joiner.JoinAsync(cls.Code, "Grace", Ct);
        Assert.NotEqual(first.Learner.Id, other.Learner!.Id);
    }

    [Fact]
    public async Task The_same_name_in_another_class_is_another_learner()
    {
        var a = await fx.NewClassAsync();
        var b = await fx.NewClassAsync();
        Assert.NotEqual((await fx.JoinAsync(a, "Sam")).Id, (await fx.JoinAsync(b, "Sam")).Id);
    }

    [Theory]
    [InlineData("", JoinRefusal.InvalidName)]
    [InlineData("   ", JoinRefusal.InvalidName)]
    [InlineData("bell\u0007", JoinRefusal.InvalidName)]
    public async Task Bad_names_are_refused(string name, JoinRefusal why)
    {
        var cls = await fx.NewClassAsync();
        var outcome = await fx.Joiner.JoinAsync(cls.Code, name, Ct);
        Assert.False(outcome.Joined);
        Assert.Equal(why, outcome.Refusal);
    }

    [Fact]
    public async Task A_name_of_65_characters_is_refused()
    {
        var cls = await fx.NewClassAsync();
        Assert.Equal(JoinRefusal.InvalidName, (await fx.Joiner.JoinAsync(cls.Code, new string('x', 65), Ct)).Refusal);
        Assert.True((await fx.Joiner.JoinAsync(cls.Code, new string('x', 64), Ct)).Joined);
    }

    [Fact]
    public async Task Unknown_codes_and_ended_classes_are_refused()
    {
        Assert.Equal(JoinRefusal.UnknownCode, (await fx.Joiner.JoinAsync("NO-SUCH-" + Guid.NewGuid().ToString("N")[..5], "x", Ct)).Refusal);
        Assert.Equal(JoinRefusal.UnknownCode, (await fx.Joiner.JoinAsync("", "x", Ct)).Refusal);
        var cls = await fx.NewClassAsync();
        var learner = await fx.JoinAsync(cls, "Early");
        await fx.Classes.CloseAsync(cls.Id, Ct);
        Assert.Equal(JoinRefusal.ClassClosed, (await fx.Joiner.JoinAsync(cls.Code, "Late", Ct)).Refusal);
        Assert.Null(await fx.Joiner.ValidateAsync(learner.Id, Ct)); // their cookie stops working
        await fx.Classes.ReopenAsync(cls.Id, Ct);
        Assert.NotNull(await fx.Joiner.ValidateAsync(learner.Id, Ct));
    }

    [Fact]
    public async Task A_full_class_refuses_new_names_but_lets_its_learners_back_in()
    {
        var cls = await fx.NewClassAsync(max: 2);
        await fx.JoinAsync(cls, "one");
        await fx.JoinAsync(cls, "two");
        var third = await fx.Joiner.JoinAsync(cls.Code, "three", Ct);
        Assert.Equal(JoinRefusal.ClassFull, third.Refusal);
        Assert.Contains("2", third.Message);
        Assert.True((await fx.Joiner.JoinAsync(cls.Code, "one", Ct)).Rejoined);
    }

    [Fact]
    public async Task Joins_at_the_same_moment_never_pass_the_limit()
    {
        var cls = await fx.NewClassAsync(max: 5);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => fx.Joiner.JoinAsync(cls.Code, $"learner {i}", Ct)));
        Assert.Equal(5, outcomes.Count(o => o.Joined));
        Assert.Equal(15, outcomes.Count(o => o.Refusal == JoinRefusal.ClassFull));
        Assert.Equal(5, (await fx.Classes.GetAsync(cls.Id, Ct))!.LearnerCount);
    }

    [Fact]
    public async Task A_solo_learner_is_no_class_learner()
    {
        var solo = await fx.Get<ImmersiveLab.Sandbox.Learners.LearnerDirectory>().GetOrCreateAsync("solo-" + Guid.NewGuid().ToString("N")[..8], null, Ct);
        Assert.Null(await fx.Joiner.ValidateAsync(solo.Id, Ct));
    }
}
