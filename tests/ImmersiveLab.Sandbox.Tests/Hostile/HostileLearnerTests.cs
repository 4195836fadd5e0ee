using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Tests.Support;
using Npgsql;

namespace ImmersiveLab.Sandbox.Tests.Hostile;

/// <summary>
/// One hostile learner in a class: for each attack on the whole server (issue 20), another learner's run still answers
/// and both sandboxes can be reset afterwards. Real cluster of its own (a full lock table stops every connection).
/// </summary>
[Collection(nameof(HostileLearnerCollection))]
public sealed class HostileLearnerTests(HostileLearnerFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_lock_table_flood_is_ended_by_the_watchdog_and_connections_work_again()
    {
        var attacker = await fixture.NewLearnerAsync("flood");
        var bystander = await fixture.NewLearnerAsync("bystander");
        Assert.Equal("42501", (await fixture.RunAsync(attacker, "SELECT pg_advisory_lock(1)")).Statements[0].Error?.SqlState);
        // What a sandbox of an old template allowed: given back for this test only.
        await fixture.AdminInSandboxAsync(attacker, "GRANT EXECUTE ON FUNCTION pg_catalog.pg_advisory_lock(bigint) TO {role}");
        await fixture.RunOkAsync(bystander, "SELECT 1");

        var role = (await fixture.Provisioner.EnsureAsync(attacker, None)).RoleName;
        using var watchdog = new Watchdog(fixture.Server, Microsoft.Extensions.Options.Options.Create(fixture.WatchdogOptions()), ConsoleLogger.Instance);
        Assert.Empty(await watchdog.SweepAsync(None)); // its connection is open before the flood, as in the app
        try
        {
            var flood = await fixture.RunAsync(attacker, """
                SET statement_timeout = 0;
                DO $$ BEGIN
                  BEGIN FOR i IN 1..10000000 LOOP PERFORM pg_advisory_lock(i); END LOOP;
                  EXCEPTION WHEN out_of_memory THEN NULL; END;
                END $$
                """);
            Assert.True(flood.Succeeded, flood.Statements.LastOrDefault()?.Error?.Message);
            var refused = await Assert.ThrowsAsync<PostgresException>(fixture.NewAdminConnectionAsync);
            Assert.Equal("53200", refused.SqlState); // out of shared memory: the table is full, nobody gets in

            var ended = Assert.Single(await watchdog.SweepAsync(None), a => a.Role == role);
            Assert.Equal(WatchdogStep.Terminate, ended.Step);
            Assert.True(ended.Signalled);
            Assert.Contains("locks; the limit is 1,000", ended.Reason);
        }
        finally
        {
            await watchdog.SweepAsync(None); // whatever failed above, the next tests get a server that accepts connections
        }

        await HostileLearnerFixture.EventuallyAsync(async () =>
        {
            try
            {
                await (await fixture.NewAdminConnectionAsync()).DisposeAsync();
                return true;
            }
            catch (PostgresException e) when (e.SqlState == "53200")
            {
                return false;
            }
        }, "a new connection succeeds");
        await watchdog.SweepAsync(None); // writes down what it could not while the table was full
        await AssertBystanderAnswersAsync(bystander);
        var next = await fixture.RunAsync(attacker, "SELECT 1");
        Assert.True(next.SessionWasReset);
        Assert.Contains("locks", next.SessionResetReason);
        await AssertBothResetAsync(attacker, bystander);
    }

    [Fact]
    public async Task A_backend_whose_memory_passes_the_limit_is_ended_and_its_learner_told_why()
    {
        var attacker = await fixture.NewLearnerAsync("memory");
        var bystander = await fixture.NewLearnerAsync("bystander");
        await using var watchdog = new TestWatchdog(fixture.Server, fixture.WatchdogOptions(o =>
        {
            o.WatchdogHardLimit = TimeSpan.FromMinutes(5);
            o.WatchdogMemoryLimit = "150MB";
        }));
        var run = fixture.RunAsync(attacker, """
            SET statement_timeout = 0; SET work_mem = '4GB'; SET hash_mem_multiplier = 1000;
            SELECT count(*) FROM (SELECT g, md5(g::text) AS h FROM generate_series(1, 20000000) g ORDER BY h) s
            """);
        await AssertBystanderAnswersAsync(bystander);
        var cell = await run;
        var error = cell.Statements[^1].Error;
        Assert.NotNull(error);
        Assert.Contains(await watchdog.ActionsOnceAsync(a => a.Reason.Contains("memory")), a => a.Step == WatchdogStep.Terminate && a.Reason.Contains("the limit is 150 MB"));
        Assert.Contains("memory", (error.Hint ?? "") + (cell.SessionResetReason ?? "") + (await fixture.RunAsync(attacker, "SELECT 1")).SessionResetReason);
        await AssertBystanderAnswersAsync(bystander);
        await AssertBothResetAsync(attacker, bystander);
    }

    [Fact]
    public async Task A_sandbox_over_its_size_limit_may_only_free_space_and_read()
    {
        var attacker = await fixture.NewLearnerAsync("disk");
        var bystander = await fixture.NewLearnerAsync("bystander");
        await fixture.RunOkAsync(attacker, """
            SET statement_timeout = 0;
            CREATE TABLE notes (x text);
            CREATE FUNCTION grow() RETURNS int LANGUAGE sql AS $$ INSERT INTO notes SELECT repeat(md5(random()::text), 30) FROM generate_series(1, 1000); SELECT 1 $$;
            CREATE TABLE big AS SELECT g, md5(g::text) || md5((g * 7)::text) AS filler FROM generate_series(1, 300000) g
            """);
        fixture.Quota.Forget(attacker.Id);

        var refused = (await fixture.RunAsync(attacker, "INSERT INTO notes VALUES ('more')")).Statements[0].Error!;
        Assert.Equal("53100", refused.SqlState);
        Assert.Matches(@"Your sandbox uses \d+ MB of its 24 MB: drop tables", refused.Message);
        Assert.Equal(300000L, (await fixture.RunOkAsync(attacker, "SELECT count(*) FROM big")).Rows[0][0]); // reading still works
        foreach (var hidden in new[] { "SELECT grow()", "DO $$ BEGIN INSERT INTO notes VALUES ('x'); END $$",
                     "WITH w AS (INSERT INTO notes VALUES ('x') RETURNING 1) SELECT * FROM w", "CREATE TABLE more AS SELECT 1 AS x" })
            Assert.Equal("53100", (await fixture.RunAsync(attacker, hidden)).Statements[0].Error?.SqlState);
        // In an open transaction too, and the transaction is still usable afterwards.
        var block = await fixture.RunAsync(attacker, "BEGIN; SELECT count(*) FROM notes; INSERT INTO notes VALUES ('x')");
        Assert.Equal(0L, block.Statements[1].Rows[0][0]);
        Assert.Equal("53100", block.Statements[2].Error?.SqlState);
        await fixture.RunOkAsync(attacker, "ROLLBACK");
        var upload = await Assert.ThrowsAsync<ImmersiveLab.Sandbox.LargeObjects.SandboxSqlException>(
            () => fixture.LargeObjects.ImportAsync(attacker, new byte[1000], None));
        Assert.Equal("53100", upload.Error.SqlState);
        await AssertBystanderAnswersAsync(bystander);

        // The maintenance sweep records the size for the dashboard.
        Assert.Contains((await fixture.QuotaSweep.RunAsync(None)), o => o.Size > 24L << 20);
        Assert.True((long)(await fixture.MetadataScalarAsync("SELECT size_bytes FROM sandboxes WHERE learner_id = $1", attacker.Id))! > 24L << 20);
        Assert.Equal(24L << 20, await fixture.MetadataScalarAsync("SELECT size_limit_bytes FROM sandboxes WHERE learner_id = $1", attacker.Id));

        await fixture.RunOkAsync(attacker, "DROP TABLE big");
        await fixture.RunOkAsync(attacker, "INSERT INTO notes VALUES ('back under the limit'); SELECT grow()");
        await AssertBothResetAsync(attacker, bystander);
    }

    [Fact]
    public async Task A_statement_that_fills_the_sandbox_is_cancelled_by_the_size_sweep()
    {
        var attacker = await fixture.NewLearnerAsync("filler");
        var bystander = await fixture.NewLearnerAsync("bystander");
        await fixture.RunOkAsync(attacker, "CREATE TABLE big (g int, filler text)");
        var run = fixture.RunAsync(attacker, """
            SET statement_timeout = 0;
            DO $$ BEGIN LOOP
              INSERT INTO big SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 20000) g;
            END LOOP; END $$
            """);
        await HostileLearnerFixture.EventuallyAsync(async () => run.IsCompleted || (await fixture.QuotaSweep.RunAsync(None)).Count > 0,
            "the sandbox passes its limit");
        var error = (await run).Statements[^1].Error!;
        Assert.Equal("57014", error.SqlState);
        Assert.Contains("the sandbox uses", error.Message);
        await AssertBystanderAnswersAsync(bystander);
        await AssertBothResetAsync(attacker, bystander);
    }

    [Fact]
    public async Task A_cell_that_catches_cancels_has_its_backend_ended_before_its_run_slot_is_freed()
    {
        var attacker = await fixture.NewLearnerAsync("catcher");
        var bystander = await fixture.NewLearnerAsync("bystander");
        var pid = (int)(await fixture.RunOkAsync(attacker, "SELECT pg_backend_pid()")).Rows[0][0]!;
        var cell = await fixture.RunAsync(attacker, """
            SET application_name = 'immersivelab-explorer';
            SET statement_timeout = 0;
            DO $$ BEGIN LOOP
              BEGIN PERFORM pg_sleep(1000); EXCEPTION WHEN query_canceled THEN NULL; END;
            END LOOP; END $$
            """);
        Assert.NotNull(cell.Statements[^1].Error); // stopped by the lab after 10 s (the cancel was caught)
        // No watchdog ran: the runner itself ended the backend, and only then gave its slot back.
        Assert.DoesNotContain(await fixture.BackendsOfAsync(attacker), b => b.Pid == pid);
        Assert.Equal(0, fixture.Admission.Running);
        await AssertBystanderAnswersAsync(bystander);
        await AssertBothResetAsync(attacker, bystander);
    }

    [Fact]
    public async Task Calling_itself_the_explorer_gets_a_learner_no_longer_limit_from_the_watchdog()
    {
        var attacker = await fixture.NewLearnerAsync("impostor");
        var bystander = await fixture.NewLearnerAsync("bystander");
        await using var watchdog = new TestWatchdog(fixture.Server, fixture.WatchdogOptions());
        var cell = await fixture.RunAsync(attacker, """
            SET application_name = 'immersivelab-explorer';
            SET statement_timeout = 0;
            DO $$ BEGIN LOOP
              BEGIN PERFORM pg_sleep(1000); EXCEPTION WHEN query_canceled THEN NULL; END;
            END LOOP; END $$
            """);
        Assert.NotNull(cell.Statements[^1].Error);
        var actions = await watchdog.ActionsOnceAsync(a => a.Step == WatchdogStep.Terminate);
        Assert.Contains(actions, a => a.Step == WatchdogStep.Cancel && a.Reason == "active longer than 1 s");
        Assert.Contains(actions, a => a.Step == WatchdogStep.Terminate);
        await AssertBystanderAnswersAsync(bystander);
        await AssertBothResetAsync(attacker, bystander);
    }

    [Fact]
    public async Task A_sandbox_made_a_template_closed_and_limited_is_still_reset_dropped_and_expired()
    {
        var attacker = await fixture.NewLearnerAsync("template");
        var bystander = await fixture.NewLearnerAsync("bystander");
        const string makeUndroppable = """
            CREATE TABLE mine (x int);
            DO $$ BEGIN
              EXECUTE format('ALTER DATABASE %I WITH IS_TEMPLATE true CONNECTION LIMIT 0', current_database());
              EXECUTE format('ALTER DATABASE %I SET temp_buffers = ''1GB''', current_database());
              EXECUTE format('ALTER DATABASE %I SET default_transaction_read_only = on', current_database());
            END $$
            """;
        await fixture.RunOkAsync(attacker, makeUndroppable);
        await AssertBystanderAnswersAsync(bystander);

        var outcomes = await fixture.Provisioner.ResetManyAsync([attacker, bystander], 2, null, None);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{o.LearnerName}: {o.Error}"));
        Assert.Equal("8MB", (await fixture.RunOkAsync(attacker, "SHOW temp_buffers")).Rows[0][0]);
        Assert.Equal(false, (await fixture.RunOkAsync(attacker, "SELECT to_regclass('mine') IS NOT NULL")).Rows[0][0]);

        // Expiry goes through such a sandbox too (and on past any that fails).
        await fixture.RunOkAsync(attacker, makeUndroppable);
        await fixture.MetadataScalarAsync("UPDATE sandboxes SET last_used_at = now() - interval '2 hours' WHERE learner_id = ANY($1)",
            new[] { attacker.Id, bystander.Id });
        Assert.Equal(2, await fixture.Provisioner.ExpireIdleAsync(TimeSpan.FromHours(1), None));
        Assert.Null(await fixture.Provisioner.InspectInfoAsync(attacker.Id, None));
        Assert.True((await fixture.RunAsync(attacker, "SELECT 1")).Succeeded); // recreated on next use
        await fixture.RunOkAsync(attacker, makeUndroppable);
        Assert.True(await fixture.Provisioner.DropAsync(attacker.Id, None));
    }

    [Fact]
    public async Task An_idle_session_is_closed_and_the_next_run_says_so()
    {
        var me = await fixture.NewLearnerAsync("idle");
        await fixture.RunOkAsync(me, "SET work_mem = '5MB'");
        await HostileLearnerFixture.EventuallyAsync(async () => (await fixture.BackendsOfAsync(me)).Count == 0,
            "the server closes the idle session (idle_session_timeout)");
        var next = await fixture.RunAsync(me, "SHOW work_mem");
        Assert.True(next.SessionWasReset);
        Assert.Contains("without use", next.SessionResetReason);
        Assert.Equal("4MB", next.Statements[0].Rows[0][0]);
    }

    [Fact]
    public async Task An_idle_session_that_turned_its_timeout_off_is_ended_by_the_watchdog()
    {
        var me = await fixture.NewLearnerAsync("idle-off");
        await fixture.RunOkAsync(me, "SET idle_session_timeout = 0; SET idle_in_transaction_session_timeout = 0");
        await using (var watchdog = new TestWatchdog(fixture.Server, fixture.WatchdogOptions()))
            Assert.Contains(await watchdog.ActionsOnceAsync(a => a.Reason.StartsWith("idle for more than", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
                a => a.Reason.StartsWith("idle for more than", StringComparison.Ordinal));
        var next = await fixture.RunAsync(me, "SELECT 1");
        Assert.True(next.SessionWasReset);
        Assert.Contains("idle for more than", next.SessionResetReason);
    }

    [Fact]
    public async Task A_sandbox_of_an_older_template_is_locked_down_by_the_maintenance_sweep()
    {
        var me = await fixture.NewLearnerAsync("old");
        var info = await fixture.Provisioner.EnsureAsync(me, None);
        // As an older template left it, with defaults of the learner's that would trouble an admin session.
        await fixture.AdminInSandboxAsync(me, "GRANT EXECUTE ON FUNCTION pg_catalog.pg_advisory_lock(bigint) TO PUBLIC; GRANT SELECT ON pg_catalog.pg_database TO PUBLIC");
        await fixture.RunOkAsync(me, $"ALTER DATABASE {info.DatabaseName} SET statement_timeout = 1; ALTER DATABASE {info.DatabaseName} SET default_transaction_read_only = on");
        await fixture.MetadataScalarAsync("UPDATE sandboxes SET lockdown = '' WHERE learner_id = $1", me.Id);
        await fixture.Sessions.CloseAsync(me.Id);
        Assert.True((await fixture.RunAsync(me, "SELECT pg_advisory_unlock_all(); SELECT count(*) FROM pg_database")).Succeeded);

        Assert.True(await fixture.Provisioner.UpgradeLockdownAsync(None) >= 1);
        Assert.Equal("42501", (await fixture.RunAsync(me, "SELECT pg_advisory_lock(1)")).Statements[0].Error?.SqlState);
        Assert.Equal("42501", (await fixture.RunAsync(me, "SELECT count(*) FROM pg_database")).Statements[0].Error?.SqlState);
        Assert.Equal(ImmersiveLab.Database.Template.TemplateLockdown.Version,
            await fixture.MetadataScalarAsync("SELECT lockdown FROM sandboxes WHERE learner_id = $1", me.Id));
    }

    private async Task AssertBystanderAnswersAsync(LearnerRef bystander)
    {
        var run = await fixture.RunAsync(bystander, "SELECT count(*) FROM lab.sample_images");
        Assert.True(run.Succeeded, run.Error?.Message ?? run.Statements.FirstOrDefault()?.Error?.Message);
    }

    private async Task AssertBothResetAsync(LearnerRef attacker, LearnerRef bystander)
    {
        var outcomes = await fixture.Provisioner.ResetManyAsync([attacker, bystander], 2, null, None);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"{o.LearnerName}: {o.Error}"));
        Assert.True((await fixture.RunAsync(attacker, "SELECT 1")).Succeeded);
        await AssertBystanderAnswersAsync(bystander);
    }
}
