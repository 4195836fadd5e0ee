using ImmersiveLab.Database;
using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImmersiveLab.Sandbox.Tests.Servers;

/// <summary>Sandboxes on two real clusters: the primary ("default") and a second one configured as sandbox server.</summary>
[Collection(nameof(TwoServerCollection))]
public sealed class SandboxServersTests(TwoServerFixture fixture)
{
    private const string Default = SandboxHost.DefaultKey;
    private const string Second = TwoServerFixture.SecondKey;
    private static readonly CancellationToken None = CancellationToken.None;

    private static string Other(string key) => key == Default ? Second : Default;

    [Fact]
    public async Task New_sandboxes_spread_over_the_servers_and_each_learner_works_only_on_their_own()
    {
        await fixture.DropAllSandboxesAsync();
        Assert.False(fixture.Host(TwoServerFixture.OfflineKey).IsAvailable);
        var learners = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.NewLearnerAsync("spread")));

        // A class joining at once on one app instance.
        var infos = await Task.WhenAll(learners.Select(l => fixture.Provisioner.EnsureAsync(l, None)));

        Assert.Equal(2, infos.Count(i => i.ServerKey == Default));
        Assert.Equal(2, infos.Count(i => i.ServerKey == Second));
        for (var i = 0; i < learners.Length; i++)
        {
            var (learner, info) = (learners[i], infos[i]);
            var where = await fixture.RunOkAsync(learner, "SELECT current_setting('port')::int, current_database()::text, current_user::text");
            Assert.Equal(fixture.PortOf(info.ServerKey), where.Rows[0][0]);
            Assert.Equal(info.DatabaseName, where.Rows[0][1]);
            Assert.Equal(info.RoleName, where.Rows[0][2]);
            Assert.Equal((true, true), await fixture.ObjectsOnAsync(info.ServerKey, learner));
            Assert.Equal((false, false), await fixture.ObjectsOnAsync(Other(info.ServerKey), learner));

            // The learner's credentials open nothing on the other server: their role exists only on their own.
            var c = await fixture.CredentialsAsync(learner);
            await using var elsewhere = new NpgsqlConnection(
                fixture.Host(Other(info.ServerKey)).ConnectionStringFor("postgres", c.Role, c.Password) + ";Pooling=false");
            await Assert.ThrowsAsync<PostgresException>(() => elsewhere.OpenAsync());
        }

        var list = await fixture.Provisioner.ListAsync(null, None);
        foreach (var info in infos)
        {
            var s = Assert.Single(list, x => x.LearnerId == info.LearnerId);
            Assert.Equal(info.ServerKey, s.ServerKey);
            Assert.True(s.ServerAvailable);
            Assert.True(s.Exists);
            Assert.True(s.SizeBytes > 1_000_000);
            Assert.Equal(1, s.Connections);
        }
    }

    [Fact]
    public async Task Reset_keeps_the_server_and_drop_removes_the_objects_there()
    {
        var me = await fixture.LearnerOnAsync(Second);
        await fixture.RunOkAsync(me, "CREATE TABLE mine (x int)");

        var after = await fixture.Provisioner.ResetAsync(me, None);

        Assert.Equal(Second, after.ServerKey);
        var cell = await fixture.RunOkAsync(me, "SELECT (SELECT count(*) FROM pg_class WHERE relname = 'mine'), current_setting('port')::int");
        Assert.Equal(0L, cell.Rows[0][0]);
        Assert.Equal(fixture.PortOf(Second), cell.Rows[0][1]);
        Assert.Equal((false, false), await fixture.ObjectsOnAsync(Default, me));

        Assert.True(await fixture.Provisioner.DropAsync(me.Id, None));
        Assert.Equal((false, false), await fixture.ObjectsOnAsync(Second, me));
        Assert.Equal((false, false), await fixture.ObjectsOnAsync(Default, me));
        Assert.Null(await fixture.Provisioner.InspectInfoAsync(me.Id, None));
    }

    [Fact]
    public async Task A_sandbox_missing_on_its_server_is_recreated_on_that_server()
    {
        var me = await fixture.LearnerOnAsync(Second);
        await fixture.RunOkAsync(me, "SELECT 1");
        var info = (await fixture.Provisioner.InspectInfoAsync(me.Id, None))!;
        await fixture.ScalarOnAsync(Second, $"DROP DATABASE \"{info.DatabaseName}\" WITH (FORCE)");

        var cell = await fixture.RunAsync(me, "SELECT current_setting('port')::int, count(*) FROM lab.sample_images");

        Assert.True(cell.Succeeded, cell.Error?.Message ?? cell.Statements.FirstOrDefault()?.Error?.Message);
        Assert.Equal(fixture.PortOf(Second), cell.Statements[0].Rows[0][0]);
        Assert.Equal(Second, (await fixture.Provisioner.InspectInfoAsync(me.Id, None))!.ServerKey);
        Assert.Equal((false, false), await fixture.ObjectsOnAsync(Default, me));
    }

    [Fact]
    public async Task The_watchdog_cancels_an_overrunning_statement_on_the_sandbox_server()
    {
        var me = await fixture.LearnerOnAsync(Second);
        await using var watchdog = new TestWatchdog(fixture.Server, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

        var cell = await fixture.RunAsync(me, "SET statement_timeout = 0; SELECT pg_sleep(60)");

        var error = cell.Statements[1].Error!;
        Assert.Equal("57014", error.SqlState);
        Assert.Contains("watchdog", error.Message);
        var role = (await fixture.Provisioner.InspectInfoAsync(me.Id, None))!.RoleName;
        Assert.Contains(await watchdog.ActionsOnceAsync(a => a.Step == WatchdogStep.Cancel && a.Signalled && a.Role == role && a.ServerKey == Second),
            a => a.Step == WatchdogStep.Cancel && a.Signalled && a.Role == role && a.ServerKey == Second);
    }

    [Fact]
    public async Task Connections_for_other_features_go_to_the_learners_server_with_the_role_limits()
    {
        var me = await fixture.LearnerOnAsync(Second);
        var role = (await fixture.Provisioner.InspectInfoAsync(me.Id, None))!.RoleName;
        // What a learner may do to their own role: lift its defaults and change its password.
        await fixture.RunOkAsync(me, $"ALTER ROLE {role} SET work_mem = '512MB'; ALTER ROLE {role} PASSWORD 'mine-now'");
        await fixture.Sessions.CloseAsync(me.Id);
        var connections = fixture.Services.GetRequiredService<SandboxConnections>();

        await using var source = await connections.CreateLearnerDataSourceAsync(me.Id, "imlab-test-feature", cs => cs.MaxPoolSize = 2, None);

        await using var cmd = source.CreateCommand(
            "SELECT current_setting('port')::int, current_user::text, current_setting('work_mem'), current_setting('application_name')");
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(fixture.PortOf(Second), r.GetInt32(0));
        Assert.Equal(role, r.GetString(1));
        Assert.Equal(fixture.Options.WorkMem, r.GetString(2));
        Assert.Equal("imlab-test-feature", r.GetString(3));
    }

    [Fact]
    public async Task Orphaned_objects_are_dropped_on_every_server()
    {
        var gone = await fixture.LearnerOnAsync(Second);
        await fixture.MetadataScalarAsync("DELETE FROM learners WHERE id = $1", gone.Id);
        // A learner whose sandbox lives on the primary, with objects of theirs left on the second server.
        var here = await fixture.LearnerOnAsync(Default);
        var (db, role) = SandboxNames.For(here.Id);
        await fixture.ScalarOnAsync(Second, $"CREATE ROLE \"{role}\" LOGIN");
        await fixture.ScalarOnAsync(Second, $"CREATE DATABASE \"{db}\" OWNER \"{role}\"");

        Assert.True(await fixture.Provisioner.DropOrphansAsync(None) >= 4);

        Assert.Equal((false, false), await fixture.ObjectsOnAsync(Second, gone));
        Assert.Equal((false, false), await fixture.ObjectsOnAsync(Second, here));
        Assert.Equal((true, true), await fixture.ObjectsOnAsync(Default, here));
        Assert.Equal(1, (await fixture.RunOkAsync(here, "SELECT 1")).Rows[0][0]);
    }

    [Fact]
    public async Task A_server_that_goes_away_takes_no_new_sandboxes_and_its_learners_are_told_which_it_is()
    {
        var away = await fixture.LearnerOnAsync(Second);
        await fixture.RunOkAsync(away, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)");
        var host = fixture.Host(Second);
        await fixture.Second.StopAsync();
        try
        {
            var failed = await fixture.RunAsync(away, "SELECT 1");
            if (failed.Error is null) failed = await fixture.RunAsync(away, "SELECT 1"); // the first run may only find the connection broken
            Assert.NotNull(failed.Error);
            Assert.Contains("database server 'second'", failed.Error!.Message);
            Assert.False(host.IsAvailable);
            Assert.Contains("database server 'second'", (await fixture.RunAsync(away, "SELECT 2")).Error!.Message); // and again

            var newcomers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.NewLearnerAsync("while-away")));
            foreach (var n in newcomers)
                Assert.Equal(Default, (await fixture.Provisioner.EnsureAsync(n, None)).ServerKey);

            var reset = await Assert.ThrowsAsync<LabUnavailableException>(() => fixture.Provisioner.ResetAsync(away, None));
            Assert.Contains("'second'", reset.Message);
            await Assert.ThrowsAsync<LabUnavailableException>(() => fixture.Provisioner.DropAsync(away.Id, None));
            var listed = Assert.Single(await fixture.Provisioner.ListAsync(null, None), s => s.LearnerId == away.Id);
            Assert.Equal(Second, listed.ServerKey);
            Assert.False(listed.ServerAvailable);
            Assert.False(listed.Exists);
            Assert.Empty((await fixture.Services.GetRequiredService<SqlRunner>().RunAsync(away, "SELECT 1", None)).Statements);
        }
        finally
        {
            await fixture.Second.StartAsync();
        }

        Assert.Equal(1, await fixture.Server.RetryUnavailableHostsAsync(None));
        Assert.True(host.IsAvailable);
        var back = await fixture.RunAsync(away, "SELECT x, current_setting('port')::int FROM kept");
        Assert.True(back.Succeeded, back.Error?.Message ?? back.Statements.FirstOrDefault()?.Error?.Message);
        Assert.Equal(7, back.Statements[0].Rows[0][0]);
        Assert.Equal(fixture.PortOf(Second), back.Statements[0].Rows[0][1]);
    }

    [Fact]
    public async Task The_maintenance_loop_takes_a_restarted_server_back_within_seconds()
    {
        var learner = await fixture.LearnerOnAsync(Second);
        await fixture.RunOkAsync(learner, "CREATE TABLE kept_over_restart (x int); INSERT INTO kept_over_restart VALUES (5)");
        var host = fixture.Host(Second);
        var maintenance = new SandboxMaintenance(fixture.Server, fixture.Provisioner, fixture.Sessions,
            fixture.Services.GetRequiredService<ImmersiveLab.Sandbox.Quota.SandboxQuotaSweep>(),
            Microsoft.Extensions.Options.Options.Create(new SandboxOptions { UnavailableServerRetryInterval = TimeSpan.FromMilliseconds(200), IdleExpiry = null }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SandboxMaintenance>.Instance);
        await maintenance.StartAsync(None);
        try
        {
            await fixture.Second.StopAsync();
            try
            {
                var failed = await fixture.RunAsync(learner, "SELECT 1");
                if (failed.Error is null) await fixture.RunAsync(learner, "SELECT 1"); // the first run may only find the connection broken
                Assert.False(host.IsAvailable);
            }
            finally
            {
                await fixture.Second.StartAsync();
            }

            // Nobody calls RetryUnavailableHostsAsync here: the loop does, on its own, well within the class's 10 s.
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!host.IsAvailable && DateTime.UtcNow < until) await Task.Delay(100);
            Assert.True(host.IsAvailable, "the restarted server was not taken back within 10 s");
            Assert.Equal(5, (await fixture.RunOkAsync(learner, "SELECT x FROM kept_over_restart")).Rows[0][0]);
        }
        finally
        {
            await maintenance.StopAsync(None);
        }
    }

    [Fact]
    public async Task A_sandbox_on_a_server_unreachable_since_start_or_no_longer_configured_gets_a_clear_error()
    {
        var offline = await fixture.LearnerOnAsync(Default);
        await fixture.MetadataScalarAsync("UPDATE sandboxes SET server_key = $1 WHERE learner_id = $2", TwoServerFixture.OfflineKey, offline.Id);
        CellRunResult cell;
        try
        {
            cell = await fixture.RunAsync(offline, "SELECT 1");
            Assert.Contains("database server 'offline', which is not available", cell.Error!.Message);
        }
        finally
        {
            await fixture.MetadataScalarAsync("UPDATE sandboxes SET server_key = 'default' WHERE learner_id = $1", offline.Id);
        }

        var removed = await fixture.LearnerOnAsync(Default);
        await fixture.MetadataScalarAsync("UPDATE sandboxes SET server_key = 'removed' WHERE learner_id = $1", removed.Id);
        cell = await fixture.RunAsync(removed, "SELECT 1");
        Assert.Contains("database server 'removed', which this app is not configured for", cell.Error!.Message);
        // Dropping it can only remove the record; the next use places a new sandbox.
        Assert.True(await fixture.Provisioner.DropAsync(removed.Id, None));
        Assert.Equal(1, (await fixture.RunOkAsync(removed, "SELECT 1")).Rows[0][0]);
    }

    [Fact]
    public async Task Two_app_instances_agree_on_where_each_sandbox_lives()
    {
        await fixture.DropAllSandboxesAsync();
        // A second app instance: its own services (locks, placements, sessions) on the same servers and metadata.
        await using var other = fixture.BuildServices(fixture.DataDirectory);
        await other.GetRequiredService<LabServer>().StartAsync(None);
        var otherProvisioner = other.GetRequiredService<SandboxProvisioner>();
        var otherRunner = other.GetRequiredService<SqlRunner>();
        var provisioners = new[] { fixture.Provisioner, otherProvisioner };

        var learners = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.NewLearnerAsync("two")));
        var placed = new List<string>();
        for (var i = 0; i < learners.Length; i++)
            placed.Add((await provisioners[i % 2].EnsureAsync(learners[i], None)).ServerKey);

        Assert.Equal(2, placed.Count(k => k == Default));
        Assert.Equal(2, placed.Count(k => k == Second));
        for (var i = 0; i < learners.Length; i++)
        {
            // Each instance finds the sandbox where the other put it, and runs the learner's SQL there.
            Assert.Equal(placed[i], (await provisioners[(i + 1) % 2].InspectInfoAsync(learners[i].Id, None))!.ServerKey);
            var cell = await otherRunner.RunAsync(learners[i], "SELECT current_setting('port')::int", None);
            Assert.True(cell.Succeeded, cell.Error?.Message ?? cell.Statements.FirstOrDefault()?.Error?.Message);
            Assert.Equal(fixture.PortOf(placed[i]), cell.Statements[0].Rows[0][0]);
        }

        // Both instances creating one learner's sandbox at the same moment: one sandbox, on one server.
        var both = await fixture.NewLearnerAsync("both");
        var infos = await Task.WhenAll(provisioners.Select(p => p.EnsureAsync(both, None)));
        Assert.Equal(infos[0].ServerKey, infos[1].ServerKey);
        Assert.Equal(1L, await fixture.MetadataScalarAsync("SELECT count(*) FROM sandboxes WHERE learner_id = $1", both.Id));
        Assert.Equal((false, false), await fixture.ObjectsOnAsync(Other(infos[0].ServerKey), both));
    }
}
