using System.Diagnostics;
using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
        Assert.Contains(await watchdog.ActionsOnceAsync(a => a.Step == WatchdogStep.Cancel && a.Signalled), a => a.Step == WatchdogStep.Cancel && a.Signalled);
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
        Assert.Contains(await watchdog.ActionsOnceAsync(a => a.Step == WatchdogStep.Terminate), a => a.Step == WatchdogStep.Terminate);
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
        using var watchdog = new Watchdog(fixture.Server, Microsoft.Extensions.Options.Options.Create(new SandboxOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Watchdog>.Instance);
        var run = fixture.RunAsync(me, "SELECT pg_sleep(0.5)");
        Assert.Empty(await watchdog.SweepAsync(CancellationToken.None));
        Assert.True((await run).Succeeded);
    }
}

/// <summary>
/// The explorer's connections may run longer than learner cells, but not without end, and only those the app registered
/// as its own: a learner who names their session like the explorer gets nothing (F5).
/// </summary>
[Collection(nameof(SandboxCollection))]
public sealed class WatchdogApplicationLimitTests(SandboxFixture fixture)
{
    private const string Explorer = "immersivelab-explorer";

    /// <summary>A backend sleeping 30 s on this connection; the task ends (with how long it ran) when it is stopped.</summary>
    private static async Task<(Task<TimeSpan> Sleep, int Pid)> SleepAsync(NpgsqlConnection conn)
    {
        await using (var off = new NpgsqlCommand("SET statement_timeout = 0", conn)) await off.ExecuteNonQueryAsync();
        var pid = conn.ProcessID;
        var sleep = Task.Run(async () =>
        {
            var started = Stopwatch.StartNew();
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_sleep(30)", conn);
                await cmd.ExecuteNonQueryAsync();
                throw new Xunit.Sdk.XunitException("pg_sleep(30) was not stopped");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
            {
                return started.Elapsed;
            }
            finally
            {
                await conn.DisposeAsync();
            }
        });
        return (sleep, pid);
    }

    /// <summary>The learner's own connection with an application_name of their choosing (what SET application_name does).</summary>
    private async Task<NpgsqlConnection> LearnerConnectionAsync(LearnerRef learner, string applicationName)
    {
        var c = await fixture.CredentialsAsync(learner);
        var cs = new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionStringFor(c.Database, c.Role, c.Password, applicationName))
            { Pooling = false, CommandTimeout = 0 };
        var conn = new NpgsqlConnection(cs.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    [Fact]
    public async Task A_registered_explorer_backend_outlives_the_hard_limit_and_a_learner_calling_itself_the_explorer_does_not()
    {
        var me = await fixture.NewLearnerAsync();
        var (cell, cellPid) = await SleepAsync(await LearnerConnectionAsync(me, Explorer));
        await using var app = await fixture.Services.GetRequiredService<SandboxConnections>()
            .CreateAppDataSourceAsync(me.Id, Explorer, cs => cs.CommandTimeout = 0, CancellationToken.None);
        var (build, buildPid) = await SleepAsync(await app.OpenConnectionAsync());
        await using var watchdog = new TestWatchdog(fixture.Server, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10),
            new() { [Explorer] = TimeSpan.FromSeconds(5) });

        var cellStopped = await cell.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.InRange(cellStopped, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4.5));
        Assert.False(build.IsCompleted, "the explorer's backend was stopped at the normal limit");
        Assert.DoesNotContain(watchdog.Actions, a => a.Pid == buildPid);
        Assert.Contains(await watchdog.ActionsOnceAsync(a => a.Pid == cellPid), a => a.Pid == cellPid && a.Reason.Contains("longer than 1 s"));

        var buildStopped = await build.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.InRange(buildStopped, TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(9));
        var cancel = Assert.Single(await watchdog.ActionsOnceAsync(a => a.Pid == buildPid), a => a.Pid == buildPid);
        Assert.Equal(WatchdogStep.Cancel, cancel.Step);
        Assert.Contains("longer than 5 s", cancel.Reason);
    }

    [Fact]
    public void An_application_limit_is_never_shorter_than_the_hard_limit_nor_longer_than_the_ceiling()
    {
        var o = new SandboxOptions
        {
            WatchdogHardLimit = TimeSpan.FromSeconds(60),
            WatchdogApplicationLimitCeiling = TimeSpan.FromHours(1),
            WatchdogApplicationLimits = new() { [Explorer] = TimeSpan.FromMinutes(16), ["forever"] = TimeSpan.MaxValue, ["short"] = TimeSpan.FromSeconds(5) },
        };
        Assert.Equal(TimeSpan.FromMinutes(16), WatchdogLimits.For(o, Explorer));
        Assert.Equal(TimeSpan.FromHours(1), WatchdogLimits.For(o, "forever"));
        Assert.Equal(TimeSpan.FromSeconds(60), WatchdogLimits.For(o, "short"));
        Assert.Equal(TimeSpan.FromSeconds(60), WatchdogLimits.For(o, "psql"));
        Assert.Equal(TimeSpan.FromSeconds(60), WatchdogLimits.For(o, null));
    }
}
