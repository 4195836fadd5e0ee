namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class ClassActionsTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task<bool> HasTableAsync(ImmersiveLab.Sandbox.Learners.LearnerRef learner) =>
        (bool)(await fx.RunOkAsync(learner, "SELECT to_regclass('public.mine') IS NOT NULL")).Statements[0].Rows[0][0]!;

    [Fact]
    public async Task Resetting_a_learner_gives_them_a_fresh_sandbox_but_never_one_of_another_class()
    {
        var cls = await fx.NewClassAsync();
        var other = await fx.NewClassAsync();
        var ada = await fx.JoinAsync(cls, "Ada");
        var stranger = await fx.JoinAsync(other, "Stranger");
        await fx.RunOkAsync(ada, "CREATE TABLE mine (id int)");
        await fx.RunOkAsync(stranger, "CREATE TABLE mine (id int)");

        await Assert.ThrowsAsync<ClassroomException>(() => fx.Get<ClassActions>().ResetLearnerAsync(cls.Id, stranger.Id, Ct));
        Assert.True(await HasTableAsync(stranger));

        await fx.Get<ClassActions>().ResetLearnerAsync(cls.Id, ada.Id, Ct);
        Assert.False(await HasTableAsync(ada));
    }

    [Fact]
    public async Task Reset_all_resets_every_sandbox_of_the_class_and_reports_progress()
    {
        var cls = await fx.NewClassAsync();
        var learners = new[] { await fx.JoinAsync(cls, "a"), await fx.JoinAsync(cls, "b"), await fx.JoinAsync(cls, "c") };
        foreach (var l in learners) await fx.RunOkAsync(l, "CREATE TABLE mine (id int)");
        var outsider = await fx.JoinAsync(await fx.NewClassAsync(), "outsider");
        await fx.RunOkAsync(outsider, "CREATE TABLE mine (id int)");

        var reports = new List<(int, int)>();
        var count = await fx.Get<ClassActions>().ResetAllAsync(cls.Id, new SyncProgress(reports), Ct);
        Assert.Equal(3, count);
        Assert.Contains((3, 3), reports);
        foreach (var l in learners) Assert.False(await HasTableAsync(l));
        Assert.True(await HasTableAsync(outsider));
    }

    private sealed class SyncProgress(List<(int, int)> into) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            lock (into) into.Add(value);
        }
    }
}
