using ImmersiveLab.Sandbox.Provisioning;

namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class ClassActionsTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task<bool> HasTableAsync(ImmersiveLab.Sandbox.Learners.LearnerRef learner) =>
        (bool)(await fx.RunOkAsync(learner, "SELECT to_regclass('public.mine') IS NOT NULL")).Rows[0][0]!;

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
    public async Task Reset_all_resets_every_sandbox_of_the_class_and_reports_each_learner()
    {
        var cls = await fx.NewClassAsync();
        var learners = new[] { await fx.JoinAsync(cls, "a"), await fx.JoinAsync(cls, "b"), await fx.JoinAsync(cls, "c") };
        foreach (var l in learners) await fx.RunOkAsync(l, "CREATE TABLE mine (id int)");
        var outsider = await fx.JoinAsync(await fx.NewClassAsync(), "outsider");
        await fx.RunOkAsync(outsider, "CREATE TABLE mine (id int)");

        var reports = new List<(int, int)>();
        var outcomes = await fx.Get<ClassActions>().ResetAllAsync(cls.Id, new SyncProgress(reports), Ct);
        Assert.Equal(3, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
        Assert.Equal(["a", "b", "c"], outcomes.Select(o => o.LearnerName).Order());
        Assert.Contains((3, 3), reports);
        foreach (var l in learners) Assert.False(await HasTableAsync(l));
        Assert.True(await HasTableAsync(outsider));
    }

    [Fact]
    public async Task Reset_all_gets_through_a_sandbox_its_learner_made_a_template_and_reports_every_learner()
    {
        var cls = await fx.NewClassAsync();
        var honest = await fx.JoinAsync(cls, "honest");
        var hostile = await fx.JoinAsync(cls, "hostile");
        await fx.RunOkAsync(honest, "CREATE TABLE mine (id int)");
        await fx.RunOkAsync(hostile, """
            CREATE TABLE mine (id int);
            DO $$ BEGIN
              EXECUTE format('ALTER DATABASE %I WITH IS_TEMPLATE true CONNECTION LIMIT 0', current_database());
              EXECUTE format('ALTER DATABASE %I SET temp_buffers = ''1GB''', current_database());
            END $$
            """);

        var outcomes = await fx.Get<ClassActions>().ResetAllAsync(cls.Id, null, Ct);
        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{o.LearnerName}: {o.Error}"));
        Assert.False(await HasTableAsync(honest));
        Assert.False(await HasTableAsync(hostile));
        Assert.Equal("8MB", (await fx.RunOkAsync(hostile, "SHOW temp_buffers")).Rows[0][0]);
    }

    [Fact]
    public async Task Reset_all_goes_on_past_a_sandbox_that_fails_and_says_which_and_why()
    {
        var cls = await fx.NewClassAsync();
        var ok1 = await fx.JoinAsync(cls, "first");
        var broken = await fx.JoinAsync(cls, "stuck");
        var ok2 = await fx.JoinAsync(cls, "last");
        foreach (var l in new[] { ok1, broken, ok2 }) await fx.RunOkAsync(l, "CREATE TABLE mine (id int)");
        // The stuck learner's sandbox is recorded on a server the lab no longer has (removed from the configuration).
        await SetServerAsync(broken.Id, "gone");
        try
        {
            var outcomes = await fx.Get<ClassActions>().ResetAllAsync(cls.Id, null, Ct);
            Assert.Equal(3, outcomes.Count);
            var failed = Assert.Single(outcomes, o => !o.Succeeded);
            Assert.Equal((broken.Id, "stuck"), (failed.LearnerId, failed.LearnerName));
            Assert.Contains("gone", failed.Error);
            Assert.False(await HasTableAsync(ok1));
            Assert.False(await HasTableAsync(ok2));
        }
        finally
        {
            await SetServerAsync(broken.Id, "default");
        }
    }

    [Fact]
    public async Task Removing_a_learner_ends_their_sign_in_frees_their_name_and_drops_their_sandbox()
    {
        var cls = await fx.NewClassAsync();
        var squatter = await fx.JoinAsync(cls, "Squatter");
        await fx.RunOkAsync(squatter, "CREATE TABLE mine (id int)");
        var sandbox = (await fx.Get<SandboxProvisioner>().ListAsync(cls.Id, Ct)).Single();

        var otherClass = await fx.NewClassAsync();
        await Assert.ThrowsAsync<ClassroomException>(() => fx.Get<ClassActions>().RemoveLearnerAsync(otherClass.Id, squatter.Id, Ct));
        await fx.Get<ClassActions>().RemoveLearnerAsync(cls.Id, squatter.Id, Ct);

        Assert.Null(await fx.Joiner.ValidateAsync(squatter.Id, Ct));
        Assert.Equal(0, (await fx.Classes.GetAsync(cls.Id, Ct))!.LearnerCount);
        Assert.Empty(await fx.Get<SandboxProvisioner>().ListAsync(cls.Id, Ct));
        await using (var db = fx.Server.Admin.CreateCommand("SELECT count(*) FROM pg_database WHERE datname = $1"))
        {
            db.Parameters.AddWithValue(sandbox.DatabaseName);
            Assert.Equal(0L, await db.ExecuteScalarAsync(Ct));
        }
        Assert.True((await fx.Joiner.JoinAsync(cls.Code, "Squatter", Ct)).Joined); // the name is free again
    }

    private async Task SetServerAsync(Guid learnerId, string key)
    {
        await using var cmd = fx.Server.Metadata.CreateCommand("UPDATE sandboxes SET server_key = $2 WHERE learner_id = $1");
        cmd.Parameters.AddWithValue(learnerId);
        cmd.Parameters.AddWithValue(key);
        await cmd.ExecuteNonQueryAsync(Ct);
    }

    private sealed class SyncProgress(List<(int, int)> into) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            lock (into) into.Add(value);
        }
    }
}
