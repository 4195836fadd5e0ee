using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Tests.Support;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class WatchdogTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Cancels_a_statement_whose_learner_turned_statement_timeout_off()
    {
        var me = await fixture.NewLearnerAsync();
        await using var watchdog = new TestWatchdog(fixture.Server, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var cell = await fixture.RunAsync(me, "SET statement_timeout = 0; SELECT pg_sleep(60)");
        var error = cell.Statements[1].Error!;
        Assert.Equal("57014", error.SqlState);
        Assert.Contains("watchdog", error.Message);
        Assert.Contains(watchdog.Actions, a => a.Step == WatchdogStep.Cancel && a.Signalled);
        Assert.Equal(1, (await fixture.RunOkAsync(me, "SELECT 1")).Rows[0][0]);
    }

    [Fact]
    public async Task Terminates_a_backend_that_catches_the_cancel_and_the_next_run_reconnects()
    {
        var me = await fixture.NewLearnerAsync();
        await using var watchdog = new TestWatchdog(fixture.Server, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var cell = await fixture.RunAsync(me, """
            SET statement_timeout = 0;
            DO $$ BEGIN
              LOOP
                BEGIN PERFORM pg_sleep(10); EXCEPTION WHEN query_canceled THEN RAISE NOTICE 'caught a cancel'; END;
              END LOOP;
            END $$;
            """);
        Assert.NotNull(cell.Statements[1].Error);
        Assert.Contains(watchdog.Actions, a => a.Step == WatchdogStep.Terminate);
        var next = await fixture.RunAsync(me, "SHOW statement_timeout");
        Assert.True(next.SessionWasReset);
        Assert.Equal("2s", next.Statements[0].Rows[0][0]);
    }

    [Fact]
    public async Task Terminates_a_session_idle_in_a_transaction_that_holds_locks()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE t (x int); SET idle_in_transaction_session_timeout = 0");
        await fixture.RunOkAsync(me, "BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
        await using (var watchdog = new TestWatchdog(fixture.Server, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)))
        {
            for (var i = 0; i < 50 && !watchdog.Actions.Any(a => a.Step == WatchdogStep.Terminate); i++) await Task.Delay(100);
            Assert.Contains(watchdog.Actions, a => a.Step == WatchdogStep.Terminate && a.Reason.Contains("idle in a transaction"));
        }
        var next = await fixture.RunAsync(me, "SELECT count(*) FROM t");
        Assert.True(next.SessionWasReset);
        Assert.Equal(TransactionStatus.Idle, next.Transaction);
    }

    [Fact]
    public async Task Leaves_short_statements_and_idle_sessions_alone()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SELECT 1");
        var watchdog = new Watchdog(fixture.Server, Microsoft.Extensions.Options.Options.Create(new SandboxOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Watchdog>.Instance);
        var run = fixture.RunAsync(me, "SELECT pg_sleep(0.5)");
        Assert.Empty(await watchdog.SweepAsync(CancellationToken.None));
        Assert.True((await run).Succeeded);
    }
}
