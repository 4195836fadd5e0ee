using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class SessionTests(SandboxFixture fixture)
{
    [Fact]
    public async Task A_dead_connection_is_replaced_and_the_run_says_session_state_was_lost()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SET work_mem = '1MB'");
        var role = (await fixture.Provisioner.InspectInfoAsync(me.Id, CancellationToken.None))!.RoleName;
        await fixture.AdminScalarAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", role);
        var cell = await fixture.RunAsync(me, "SHOW work_mem");
        Assert.True(cell.SessionWasReset);
        Assert.Equal("4MB", cell.Statements[0].Rows[0][0]); // back to the sandbox default
        Assert.False((await fixture.RunAsync(me, "SELECT 1")).SessionWasReset);
    }

    [Fact]
    public async Task Two_tabs_share_one_session_and_their_runs_take_turns()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE log (tab int, at timestamptz DEFAULT clock_timestamp(), done timestamptz)");
        var tabs = await Task.WhenAll(Enumerable.Range(1, 2).Select(tab =>
            fixture.RunAsync(me, $"INSERT INTO log (tab) VALUES ({tab}); SELECT pg_sleep(0.3); UPDATE log SET done = clock_timestamp() WHERE tab = {tab}")));
        Assert.All(tabs, t => Assert.True(t.Succeeded));
        // Serialized: one tab's cell finished before the other's started.
        var overlap = await fixture.RunOkAsync(me, "SELECT count(*) FROM log a JOIN log b ON a.tab < b.tab WHERE a.at < b.done AND b.at < a.done");
        Assert.Equal(0L, overlap.Rows[0][0]);
        Assert.Single(await fixture.BackendsOfAsync(me));
    }

    [Fact]
    public async Task Idle_sessions_are_closed_and_the_next_run_reopens_one()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SET work_mem = '1MB'");
        Assert.True(await fixture.Sessions.CloseIdleAsync(TimeSpan.Zero) >= 1);
        Assert.Null(fixture.Sessions.GetState(me.Id));
        await fixture.UntilNoBackendsOfAsync(me, "the closed session's backend is gone");
        var cell = await fixture.RunAsync(me, "SHOW work_mem");
        Assert.True(cell.SessionWasReset);
        Assert.Equal("4MB", cell.Statements[0].Rows[0][0]);
    }

    [Fact]
    public async Task The_idle_in_transaction_timeout_ends_the_transaction_and_the_session_recovers()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE t (x int); BEGIN; INSERT INTO t VALUES (1)");
        await fixture.UntilNoBackendsOfAsync(me, "the server's idle_in_transaction_session_timeout (3 s here) ended the session");
        var cell = await fixture.RunAsync(me, "SELECT count(*) FROM t");
        Assert.True(cell.SessionWasReset);
        Assert.Equal(0L, cell.Statements[0].Rows[0][0]);
        Assert.Equal(TransactionStatus.Idle, cell.Transaction);
    }
}
