using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.LargeObjects;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Tests.Support;
using Npgsql;

namespace ImmersiveLab.Sandbox.Tests;

/// <summary>
/// Escape attempts a learner might make from a cell. Each must fail with a clear message in the cell, and the
/// app and other learners must carry on. Add a test here for every new idea.
/// </summary>
[Collection(nameof(SandboxCollection))]
public sealed class HostileSqlTests(SandboxFixture fixture)
{
    [Theory]
    [InlineData("read a server file", "SELECT pg_read_file('/etc/passwd')", "42501")]
    [InlineData("read a binary server file", "SELECT pg_read_binary_file('postgresql.conf')", "42501")]
    [InlineData("list a server directory", "SELECT pg_ls_dir('.')", "42501")]
    [InlineData("stat a server file", "SELECT pg_stat_file('postgresql.conf')", "42501")]
    [InlineData("copy to a server file", "COPY (SELECT 1) TO '/tmp/imlab-escape.txt'", "42501")]
    [InlineData("copy from a server file", "CREATE TEMP TABLE x (line text); COPY x FROM '/etc/passwd'", "42501")]
    [InlineData("copy to a program", "COPY (SELECT 1) TO PROGRAM 'id'", "42501")]
    [InlineData("copy from a program", "CREATE TEMP TABLE x (line text); COPY x FROM PROGRAM 'id'", "42501")]
    [InlineData("server-side lo_import", "SELECT lo_import('/etc/passwd')", "42501")]
    [InlineData("server-side lo_export", "SELECT lo_export(lo_from_bytea(0, 'x'), '/tmp/imlab-escape.bin')", "42501")]
    [InlineData("create dblink", "CREATE EXTENSION dblink", "42501")]
    [InlineData("create file_fdw", "CREATE EXTENSION file_fdw", "42501")]
    [InlineData("create adminpack", "CREATE EXTENSION adminpack", "42501")]
    [InlineData("create postgres_fdw", "CREATE EXTENSION postgres_fdw", "42501")]
    [InlineData("function in C", "CREATE FUNCTION f() RETURNS int AS '/lib/x86_64-linux-gnu/libc.so.6', 'getpid' LANGUAGE c", "42501")]
    [InlineData("function in internal", "CREATE FUNCTION f(text) RETURNS text AS 'textout' LANGUAGE internal", "42501")]
    [InlineData("alter system", "ALTER SYSTEM SET work_mem = '10GB'", "42501")]
    [InlineData("reload the server configuration", "SELECT pg_reload_conf()", "42501")]
    [InlineData("set role to the cluster owner", "SET ROLE lab_admin", "42501")]
    [InlineData("set session authorization", "SET SESSION AUTHORIZATION lab_admin", "42501")]
    [InlineData("set role postgres-like", "SET ROLE pg_read_server_files", "42501")]
    [InlineData("create a role", "CREATE ROLE sneaky LOGIN SUPERUSER", "42501")]
    [InlineData("create a plain role", "CREATE ROLE sneaky", "42501")]
    [InlineData("create a database", "CREATE DATABASE sneaky", "42501")]
    [InlineData("read password hashes", "SELECT * FROM pg_authid", "42501")]
    [InlineData("read pg_shadow", "SELECT * FROM pg_shadow", "42501")]
    [InlineData("read server settings files", "SELECT * FROM pg_file_settings", "42501")]
    [InlineData("read hba rules", "SELECT * FROM pg_hba_file_rules", "42501")]
    [InlineData("find the data directory", "SHOW data_directory", "42501")]
    [InlineData("raise temp_file_limit", "SET temp_file_limit = -1", "42501")]
    [InlineData("make itself superuser", "ALTER ROLE CURRENT_USER SUPERUSER", "42501")]
    [InlineData("lift its connection limit", "ALTER ROLE CURRENT_USER CONNECTION LIMIT -1", "42501")]
    [InlineData("give itself createdb", "ALTER ROLE CURRENT_USER CREATEDB", "42501")]
    [InlineData("create an event trigger", "CREATE FUNCTION et() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$; CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION et()", "42501")]
    [InlineData("load a server library", "LOAD 'auto_explain'", "42501")]
    [InlineData("write the shared sample data", "DELETE FROM lab.sample_images", "42501")]
    [InlineData("drop the shared sample schema", "DROP SCHEMA lab CASCADE", "42501")]
    [InlineData("create objects in the sample schema", "CREATE TABLE lab.mine (x int)", "42501")]
    [InlineData("drop the vector extension", "DROP EXTENSION vector CASCADE", "42501")]
    [InlineData("rename its database", "ALTER DATABASE current_database RENAME TO x", "42501")]
    [InlineData("lock the shared database catalog", "BEGIN; LOCK TABLE pg_catalog.pg_database IN SHARE MODE", "42501")]
    [InlineData("write a shared catalog", "UPDATE pg_catalog.pg_database SET datallowconn = true", "42501")]
    [InlineData("take an advisory lock", "SELECT pg_advisory_lock(1)", "42501")]
    [InlineData("take a shared advisory lock", "SELECT pg_advisory_lock_shared(1, 2)", "42501")]
    [InlineData("try an advisory lock", "SELECT pg_try_advisory_lock(1)", "42501")]
    [InlineData("take a transaction advisory lock", "BEGIN; SELECT pg_advisory_xact_lock(1)", "42501")]
    [InlineData("try a shared transaction advisory lock", "BEGIN; SELECT pg_try_advisory_xact_lock_shared(1)", "42501")]
    [InlineData("list every database", "SELECT datname FROM pg_database", "42501")]
    [InlineData("list every role", "SELECT rolname FROM pg_roles", "42501")]
    [InlineData("list every user", "SELECT usename FROM pg_user", "42501")]
    [InlineData("read role memberships", "SELECT * FROM pg_auth_members", "42501")]
    [InlineData("read other roles' settings", "SELECT * FROM pg_db_role_setting", "42501")]
    [InlineData("watch other learners' sessions", "SELECT usename, application_name, state FROM pg_stat_activity", "42501")]
    [InlineData("watch sessions through the function", "SELECT * FROM pg_stat_get_activity(NULL)", "42501")]
    [InlineData("list backends one by one", "SELECT pg_stat_get_backend_userid(b) FROM pg_stat_get_backend_idset() b", "42501")]
    [InlineData("read other learners' locks", "SELECT * FROM pg_locks", "42501")]
    [InlineData("read other databases' statistics", "SELECT datname FROM pg_stat_database", "42501")]
    [InlineData("read others' vacuum progress", "SELECT datname FROM pg_stat_progress_vacuum", "42501")]
    public async Task Refused_with_a_clear_error(string attempt, string sql, string sqlState)
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var db = (await fixture.Provisioner.EnsureAsync(me, CancellationToken.None)).DatabaseName;
        var cell = await fixture.RunAsync(me, sql.Replace("current_database", db));
        var error = cell.Statements.Select(s => s.Error).LastOrDefault(e => e is not null);
        Assert.True(error is not null, $"'{attempt}' was not refused");
        Assert.Equal(sqlState, error!.SqlState);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task What_a_learner_needs_from_the_catalog_still_works()
    {
        var me = await fixture.NewLearnerAsync("curious");
        var info = await fixture.Provisioner.EnsureAsync(me, CancellationToken.None);
        var cell = await fixture.RunOkAsync(me, """
            CREATE TABLE mine (x int);
            SELECT pg_advisory_unlock_all();
            SELECT current_user, current_database(), pg_backend_pid() > 0,
                   (SELECT count(*) FROM pg_tables WHERE tablename = 'mine'),
                   (SELECT count(*) FROM information_schema.tables WHERE table_name = 'mine'),
                   (SELECT count(*) FROM pg_stat_progress_create_index),
                   (SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'mine'),
                   pg_size_pretty(pg_database_size(current_database())) IS NOT NULL
            """);
        Assert.Equal(new object?[] { info.RoleName, info.DatabaseName, true, 1L, 1L, 0L, 1L, true }, cell.Rows[0]);
        await fixture.Sessions.CloseAsync(me.Id);
    }

    [Theory]
    [InlineData("plpython3u")]
    [InlineData("plperlu")]
    [InlineData("pltclu")]
    public async Task Untrusted_languages_cannot_be_installed(string language)
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var cell = await fixture.RunAsync(me, $"CREATE EXTENSION {language}");
        var error = cell.Statements[0].Error!;
        Assert.True(error.SqlState is "42501" or "0A000" or "58P01", error.SqlState); // refused, or not even installed
        var fn = await fixture.RunAsync(me, $"CREATE FUNCTION f() RETURNS int LANGUAGE {language} AS 'return 1'");
        Assert.Equal("42704", fn.Statements[0].Error!.SqlState); // language does not exist in the sandbox
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Set_role_to_another_learner_is_refused()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var other = await fixture.NewLearnerAsync("victim");
        var otherRole = (await fixture.Provisioner.EnsureAsync(other, CancellationToken.None)).RoleName;
        Assert.Equal("42501", (await fixture.RunAsync(me, $"SET ROLE {otherRole}")).Statements[0].Error!.SqlState);
        Assert.Equal("42501", (await fixture.RunAsync(me, $"SET SESSION AUTHORIZATION {otherRole}")).Statements[0].Error!.SqlState);
        Assert.Equal("42501", (await fixture.RunAsync(me, $"ALTER ROLE {otherRole} PASSWORD 'x'")).Statements[0].Error!.SqlState);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Theory]
    [InlineData("another learner's database")]
    [InlineData("immersivelab")]
    [InlineData("postgres")]
    [InlineData("template1")]
    [InlineData("lab_template")]
    public async Task The_learners_credentials_open_no_other_database(string target)
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var other = await fixture.NewLearnerAsync("victim");
        var database = target == "another learner's database"
            ? (await fixture.Provisioner.EnsureAsync(other, CancellationToken.None)).DatabaseName
            : target;
        var e = await Assert.ThrowsAsync<PostgresException>(async () => await (await fixture.ConnectAsAsync(me, database)).DisposeAsync());
        Assert.True(e.SqlState is "42501" or "55000", $"{e.SqlState}: {e.MessageText}"); // no CONNECT / template accepts none
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Cross_database_references_are_not_possible()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var cell = await fixture.RunAsync(me, "SELECT * FROM immersivelab.public.sandboxes");
        Assert.Equal("0A000", cell.Statements[0].Error!.SqlState);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Another_learners_large_objects_are_out_of_reach()
    {
        var owner = await fixture.NewLearnerAsync("victim");
        var thief = await fixture.NewLearnerAsync("hostile");
        var oid = await fixture.LargeObjects.ImportAsync(owner, "secret photo"u8.ToArray(), CancellationToken.None);
        var cell = await fixture.RunAsync(thief, $"SELECT lo_get({oid})");
        Assert.Equal("42704", cell.Statements[0].Error!.SqlState); // large objects live in the owner's database
        var read = await Assert.ThrowsAsync<SandboxSqlException>(() => fixture.LargeObjects.ReadAsync(thief, oid, 1000, CancellationToken.None));
        Assert.Equal("42704", read.Error.SqlState);
        Assert.Equal("secret photo"u8.ToArray(), (await fixture.LargeObjects.ReadAsync(owner, oid, 1000, CancellationToken.None)).Bytes);
        await AssertEveryoneCarriesOnAsync(thief);
    }

    [Fact]
    public async Task Other_backends_cannot_be_signalled()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var other = await fixture.NewLearnerAsync("victim");
        await fixture.RunOkAsync(other, "SELECT 1");
        var otherRole = (await fixture.Provisioner.EnsureAsync(other, CancellationToken.None)).RoleName;
        var otherPid = (int)(await fixture.AdminScalarAsync("SELECT pid FROM pg_stat_activity WHERE usename = $1 LIMIT 1", otherRole))!;
        var adminPid = (int)(await fixture.AdminScalarAsync("SELECT pg_backend_pid()"))!;
        foreach (var sql in new[] { $"SELECT pg_terminate_backend({otherPid})", $"SELECT pg_cancel_backend({otherPid})", $"SELECT pg_terminate_backend({adminPid})" })
            Assert.Equal("42501", (await fixture.RunAsync(me, sql)).Statements[0].Error!.SqlState);
        Assert.Equal(1, (await fixture.RunOkAsync(other, "SELECT 1")).Rows[0][0]);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Temp_files_stop_at_the_servers_temp_file_limit()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        // Unhurried: on a loaded machine the sort must reach the temp file limit, not the test's 2 s timeout.
        var error = (await fixture.RunUnhurriedAsync(me, "SELECT count(*) FROM (SELECT g, md5(g::text) FROM generate_series(1, 3000000) g ORDER BY 2) s")).Error!;
        Assert.Equal("53400", error.SqlState);
        Assert.Contains("temp_file_limit", error.Message);
        Assert.NotNull(error.Hint);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Pg_sleep_beyond_the_timeout_is_stopped()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var error = (await fixture.RunAsync(me, "SELECT pg_sleep(3600)")).Statements[0].Error!;
        Assert.Equal("57014", error.SqlState);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Turning_the_timeout_off_does_not_escape_the_watchdog()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        await using var watchdog = new TestWatchdog(fixture.Server, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var cell = await fixture.RunAsync(me, "SET statement_timeout = 0; SET lock_timeout = 0; SELECT pg_sleep(60)");
        Assert.Contains("watchdog", cell.Statements[2].Error!.Message);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Persisting_a_zero_timeout_on_the_role_does_not_reach_the_next_session()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var role = (await fixture.Provisioner.EnsureAsync(me, CancellationToken.None)).RoleName;
        var db = (await fixture.Provisioner.EnsureAsync(me, CancellationToken.None)).DatabaseName;
        // Both are allowed to any role on itself and to a database owner: the session's startup options outrank them.
        await fixture.RunOkAsync(me, $"ALTER ROLE {role} SET statement_timeout = 0; ALTER ROLE {role} IN DATABASE {db} SET statement_timeout = 0; " +
                                     $"ALTER DATABASE {db} SET statement_timeout = 0");
        await fixture.Sessions.CloseAsync(me.Id);
        Assert.Equal("2s", (await fixture.RunOkAsync(me, "SHOW statement_timeout")).Rows[0][0]);
        Assert.Equal("57014", (await fixture.RunAsync(me, "SELECT pg_sleep(60)")).Statements[0].Error!.SqlState);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Endless_generate_series_is_stopped()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var error = (await fixture.RunAsync(me, "SELECT count(*) FROM generate_series(1, 1000000000000000)")).Statements[0].Error!;
        Assert.True(error.SqlState is "57014" or "53400", $"{error.SqlState}: {error.Message}"); // timeout or temp space, whichever first
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task A_huge_cross_join_keeps_a_bounded_result_and_bounded_memory()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        await fixture.RunOkAsync(me, "SELECT 1");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // Unhurried: the row cap must be what ends it, not the test's 2 s timeout on a loaded machine.
        var result = await fixture.RunUnhurriedAsync(me, "SELECT a.g, b.g, repeat('x', 100) FROM generate_series(1, 100000) a(g), generate_series(1, 100000) b(g)");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(fixture.Options.MaxRows == result.Rows.Count, $"{result.Rows.Count} rows; error: {result.Error?.SqlState} {result.Error?.Message}");
        Assert.Null(result.Error);
        Assert.True(allocated < 512L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MB for a capped result");
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task A_lock_held_in_an_open_transaction_blocks_no_other_learner_and_times_out()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        // pg_database itself is not even readable in a sandbox any more; another shared catalog is.
        Assert.Equal("42501", (await fixture.RunAsync(me, "BEGIN; LOCK TABLE pg_catalog.pg_database IN ACCESS SHARE MODE")).Statements[1].Error?.SqlState);
        await fixture.RunOkAsync(me, "ROLLBACK; BEGIN; LOCK TABLE pg_catalog.pg_tablespace IN ACCESS SHARE MODE; LOCK TABLE lab.sample_images IN ACCESS SHARE MODE");
        // Another learner joins (CREATE DATABASE … TEMPLATE) and works meanwhile.
        var newcomer = await fixture.NewLearnerAsync("newcomer");
        Assert.Equal(0L, (await fixture.RunOkAsync(newcomer, "SELECT count(*) FROM lab.sample_images")).Rows[0][0]);
        await fixture.UntilNoBackendsOfAsync(me, "the server's idle_in_transaction_session_timeout (3 s here) ended the idle transaction");
        var next = await fixture.RunAsync(me, "SELECT 1");
        Assert.True(next.SessionWasReset);
        Assert.True(next.Succeeded);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Functions_planted_for_the_admin_are_never_run_by_the_app()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var info = await fixture.Provisioner.EnsureAsync(me, CancellationToken.None);
        // Shadow the functions the app's own queries use, SECURITY DEFINER, and put public first on the path.
        await fixture.RunOkAsync(me, $"""
            CREATE TABLE trap_log (who text, fn text);
            GRANT INSERT ON trap_log TO PUBLIC;
            CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql SECURITY DEFINER
              AS $$ INSERT INTO public.trap_log VALUES (session_user, 'now'); SELECT pg_catalog.now() $$;
            CREATE FUNCTION public.pg_cancel_backend(int) RETURNS boolean LANGUAGE sql SECURITY DEFINER
              AS $$ INSERT INTO public.trap_log VALUES (session_user, 'cancel'); SELECT false $$;
            CREATE FUNCTION public.lo_get(oid, bigint, int) RETURNS bytea LANGUAGE sql SECURITY DEFINER
              AS $$ INSERT INTO public.trap_log VALUES (session_user, 'lo_get'); SELECT '\x00'::bytea $$;
            CREATE FUNCTION public.lo_from_bytea(oid, bytea) RETURNS oid LANGUAGE sql SECURITY DEFINER
              AS $$ INSERT INTO public.trap_log VALUES (session_user, 'lo_from_bytea'); SELECT 0::oid $$;
            CREATE FUNCTION public.format_type(oid, int) RETURNS text LANGUAGE sql SECURITY DEFINER
              AS $$ INSERT INTO public.trap_log VALUES (session_user, 'format_type'); SELECT 'x' $$;
            ALTER ROLE {info.RoleName} SET search_path = public, pg_catalog;
            SET search_path = public, pg_catalog;
            """);
        // Everything the app does with this sandbox: runs, plans, large objects, the watchdog, listing, reset paths.
        var oid = await fixture.LargeObjects.ImportAsync(me, new byte[] { 1, 2, 3 }, CancellationToken.None);
        Assert.Equal(new byte[] { 1, 2, 3 }, (await fixture.LargeObjects.ReadAsync(me, oid, 10, CancellationToken.None)).Bytes);
        await fixture.RunOkAsync(me, "BEGIN; CREATE TYPE t_after AS (x int); SELECT ROW(1)::t_after; COMMIT");
        Assert.True((await fixture.Runner.ExplainAsync(me, "SELECT 1", CancellationToken.None)).Succeeded);
        using var watchdog = new Watchdog(fixture.Server, Microsoft.Extensions.Options.Options.Create(new SandboxOptions { WatchdogHardLimit = TimeSpan.Zero }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Watchdog>.Instance);
        await watchdog.SweepAsync(CancellationToken.None);
        await fixture.Provisioner.ListAsync(null, CancellationToken.None);

        var log = await fixture.RunOkAsync(me, "SELECT count(*) FROM public.trap_log");
        Assert.Equal(0L, log.Rows[0][0]);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task A_grant_to_another_learners_role_cannot_block_their_reset()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        var victim = await fixture.NewLearnerAsync("victim");
        var victimRole = (await fixture.Provisioner.EnsureAsync(victim, CancellationToken.None)).RoleName;
        await fixture.RunOkAsync(me, $"CREATE TABLE bait (x int); GRANT SELECT ON bait TO {victimRole}");
        await fixture.Provisioner.ResetAsync(victim, CancellationToken.None);
        Assert.Equal(1, (await fixture.RunOkAsync(victim, "SELECT 1")).Rows[0][0]);
        await AssertEveryoneCarriesOnAsync(me);
    }

    [Fact]
    public async Task Exhausting_its_connection_limit_does_not_affect_others()
    {
        var me = await fixture.NewLearnerAsync("hostile");
        await fixture.RunOkAsync(me, "SELECT 1");
        var extra = new List<NpgsqlConnection>();
        try
        {
            var db = (await fixture.Provisioner.EnsureAsync(me, CancellationToken.None)).DatabaseName;
            var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                for (var i = 0; i < 10; i++) extra.Add(await fixture.ConnectAsAsync(me, db));
            });
            Assert.Equal("53300", refused.SqlState); // too many connections for role
            Assert.True(extra.Count < fixture.Options.ConnectionLimit);
        }
        finally
        {
            foreach (var c in extra) await c.DisposeAsync();
        }
        await AssertEveryoneCarriesOnAsync(me);
    }

    private LearnerRef? _bystander;

    /// <summary>The attacker's session still works, another learner can run SQL, and the app's metadata is reachable.</summary>
    private async Task AssertEveryoneCarriesOnAsync(LearnerRef attacker)
    {
        var next = await fixture.RunAsync(attacker, "SELECT 'still here'");
        Assert.True(next.Succeeded || next.Statements.Any(s => s.Error?.SqlState == "25P02"), next.Error?.Message ?? next.Statements[0].Error?.Message);
        _bystander ??= await fixture.NewLearnerAsync("bystander");
        var other = await fixture.RunAsync(_bystander, "SELECT count(*) FROM lab.sample_images");
        Assert.True(other.Succeeded, other.Error?.Message ?? other.Statements.FirstOrDefault()?.Error?.Message);
        Assert.NotNull(await fixture.MetadataScalarAsync("SELECT count(*) FROM learners"));
        // Each attempt has a learner of its own: give its connection back, or the shared cluster runs out of them.
        await fixture.Sessions.CloseAsync(attacker.Id);
    }
}
