using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class SandboxProvisionerTests(SandboxFixture fixture)
{
    [Fact]
    public async Task First_use_creates_a_locked_down_role_and_a_private_database_from_the_template()
    {
        var me = await fixture.NewLearnerAsync();
        var info = await fixture.Provisioner.EnsureAsync(me, CancellationToken.None);
        Assert.StartsWith("sbx_", info.DatabaseName);
        Assert.StartsWith("lrn_", info.RoleName);
        Assert.DoesNotContain(me.Id.ToString("N")[..8], info.DatabaseName);

        await using (var cmd = fixture.Server.Admin.CreateCommand("""
            SELECT a.rolsuper, a.rolcreatedb, a.rolcreaterole, a.rolreplication, a.rolbypassrls, a.rolcanlogin, a.rolconnlimit,
                   a.rolpassword LIKE 'SCRAM-SHA-256$%', array_to_string(r.rolconfig, ',')
            FROM pg_authid a JOIN pg_roles r ON r.oid = a.oid WHERE a.rolname = $1
            """))
        {
            cmd.Parameters.AddWithValue(info.RoleName);
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.False(r.GetBoolean(0));
            Assert.False(r.GetBoolean(1));
            Assert.False(r.GetBoolean(2));
            Assert.False(r.GetBoolean(3));
            Assert.False(r.GetBoolean(4));
            Assert.True(r.GetBoolean(5));
            Assert.Equal(fixture.Options.ConnectionLimit, r.GetInt32(6));
            Assert.True(r.GetBoolean(7));
            Assert.Contains("statement_timeout=2000", r.GetString(8));
            Assert.Contains("maintenance_work_mem=64MB", r.GetString(8));
        }
        var owner = await fixture.AdminScalarAsync("SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = $1", info.DatabaseName);
        Assert.Equal(info.RoleName, owner);
        Assert.Equal(false, await fixture.AdminScalarAsync("SELECT has_database_privilege('public', $1, 'CONNECT')", info.DatabaseName));

        // The template's content is there, and the public schema is the learner's to use.
        var tables = await fixture.RunOkAsync(me, "SELECT count(*) FROM lab.sample_images; CREATE TABLE mine (x int); SELECT current_user");
        Assert.Equal(info.RoleName, tables.Rows[0][0]);
        Assert.Single((await fixture.RunOkAsync(me, "SELECT extversion IS NOT NULL FROM pg_extension WHERE extname = 'vector'")).Rows);
    }

    [Fact]
    public async Task Reset_gives_a_fresh_sandbox_and_keeps_progress()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TABLE mine (x int); SET work_mem = '1MB'");
        await using (var progress = fixture.Server.Metadata.CreateCommand(
            "INSERT INTO check_results (learner_id, lab_id, cell_id, passed) VALUES ($1, 'lab-1', 'c1', true)"))
        {
            progress.Parameters.AddWithValue(me.Id);
            await progress.ExecuteNonQueryAsync();
        }
        var before = await fixture.Provisioner.InspectInfoAsync(me.Id, CancellationToken.None);

        var after = await fixture.Provisioner.ResetAsync(me, CancellationToken.None);
        Assert.Equal(before!.DatabaseName, after.DatabaseName);
        Assert.True(after.CreatedAt >= before.CreatedAt);
        Assert.Equal(1L, await fixture.MetadataScalarAsync("SELECT count(*) FROM check_results WHERE learner_id = $1", me.Id));

        var cell = await fixture.RunAsync(me, "SELECT count(*) FROM pg_class WHERE relname = 'mine'");
        Assert.True(cell.SessionWasReset); // the old session's SET is gone too
        Assert.Equal(0L, cell.Statements[0].Rows[0][0]);
    }

    [Fact]
    public async Task Drop_removes_database_role_and_row_and_the_next_use_recreates_them()
    {
        var me = await fixture.NewLearnerAsync();
        var info = await fixture.Provisioner.EnsureAsync(me, CancellationToken.None);
        await fixture.RunOkAsync(me, "SELECT 1");
        Assert.True(await fixture.Provisioner.DropAsync(me.Id, CancellationToken.None));
        Assert.False(await fixture.Provisioner.DropAsync(me.Id, CancellationToken.None));
        Assert.Equal(0L, await fixture.AdminScalarAsync("SELECT count(*) FROM pg_database WHERE datname = $1", info.DatabaseName));
        Assert.Equal(0L, await fixture.AdminScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname = $1", info.RoleName));
        Assert.Null(await fixture.Provisioner.InspectInfoAsync(me.Id, CancellationToken.None));
        Assert.Equal(5, (await fixture.RunOkAsync(me, "SELECT 5")).Rows[0][0]);
        Assert.NotNull(await fixture.Provisioner.InspectInfoAsync(me.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Idle_sandboxes_expire_and_recently_used_ones_stay()
    {
        var idle = await fixture.NewLearnerAsync("idle");
        var busy = await fixture.NewLearnerAsync("busy");
        await fixture.RunOkAsync(idle, "CREATE TABLE t (x int)");
        await fixture.RunOkAsync(busy, "CREATE TABLE t (x int)");
        await fixture.MetadataScalarAsync("UPDATE sandboxes SET last_used_at = now() - interval '30 days' WHERE learner_id = $1", idle.Id);

        var dropped = await fixture.Provisioner.ExpireIdleAsync(TimeSpan.FromDays(14), CancellationToken.None);
        Assert.True(dropped >= 1);
        Assert.Null(await fixture.Provisioner.InspectInfoAsync(idle.Id, CancellationToken.None));
        Assert.NotNull(await fixture.Provisioner.InspectInfoAsync(busy.Id, CancellationToken.None));
        Assert.NotNull(await fixture.Learners.FindAsync(idle.Id, CancellationToken.None)); // the learner and progress stay
        Assert.Equal(0L, (await fixture.RunOkAsync(idle, "SELECT count(*) FROM pg_class WHERE relname = 't'")).Rows[0][0]);
    }

    [Fact]
    public async Task List_shows_every_sandbox_with_its_learner_size_and_connections()
    {
        var me = await fixture.NewLearnerAsync("listed");
        await fixture.RunOkAsync(me, "SELECT 1");
        var list = await fixture.Provisioner.ListAsync(null, CancellationToken.None);
        var mine = Assert.Single(list, s => s.LearnerId == me.Id);
        Assert.Equal(me.Name, mine.LearnerName);
        Assert.True(mine.Exists);
        Assert.True(mine.SizeBytes > 1_000_000);
        Assert.Equal(1, mine.Connections);
        var inspected = await fixture.Provisioner.InspectAsync(me.Id, CancellationToken.None);
        Assert.Equal(mine.DatabaseName, inspected!.DatabaseName);
    }

    [Fact]
    public async Task Two_tabs_creating_the_same_sandbox_at_once_get_one_sandbox()
    {
        var me = await fixture.NewLearnerAsync();
        async Task<ImmersiveLab.Sandbox.Execution.CellRunResult?> Run() => await fixture.RunAsync(me, "SELECT current_database()");
        async Task<ImmersiveLab.Sandbox.Execution.CellRunResult?> Ensure()
        {
            await fixture.Provisioner.EnsureAsync(me, CancellationToken.None);
            return null;
        }
        var results = await Task.WhenAll(Run(), Run(), Ensure());
        Assert.All(results.Where(r => r is not null), r => Assert.True(r!.Succeeded, r.Error?.Message));
        Assert.Equal(results[0]!.Statements[0].Rows[0][0], results[1]!.Statements[0].Rows[0][0]);
        Assert.Equal(1L, await fixture.MetadataScalarAsync("SELECT count(*) FROM sandboxes WHERE learner_id = $1", me.Id));
    }

    [Fact]
    public async Task Two_app_instances_share_sandboxes_through_the_metadata_database()
    {
        var me = await fixture.NewLearnerAsync();
        // A second app instance: its own services (locks, sessions) on the same server and metadata.
        await using var other = fixture.BuildServices(fixture.DataDirectory);
        var otherServer = other.GetRequiredService<ImmersiveLab.Database.LabServer>();
        await otherServer.StartAsync(CancellationToken.None);
        var otherRunner = other.GetRequiredService<ImmersiveLab.Sandbox.Execution.SqlRunner>();
        var both = await Task.WhenAll(
            fixture.RunAsync(me, "SELECT current_database()"),
            otherRunner.RunAsync(me, "SELECT current_database()", CancellationToken.None));
        Assert.All(both, r => Assert.True(r.Succeeded, r.Error?.Message ?? r.Statements.FirstOrDefault()?.Error?.Message));
        Assert.Equal(both[0].Statements[0].Rows[0][0], both[1].Statements[0].Rows[0][0]);

        // A reset through the other instance: this instance's session notices and reconnects to the new sandbox.
        await fixture.RunOkAsync(me, "CREATE TABLE before_reset (x int)");
        await other.GetRequiredService<SandboxProvisioner>().ResetAsync(me, CancellationToken.None);
        var after = await fixture.RunAsync(me, "SELECT count(*) FROM pg_class WHERE relname = 'before_reset'");
        Assert.True(after.Succeeded, after.Error?.Message ?? after.Statements.FirstOrDefault()?.Error?.Message);
        Assert.True(after.SessionWasReset);
        Assert.Equal(0L, after.Statements[0].Rows[0][0]);
    }

    [Fact]
    public async Task Twelve_learners_work_in_parallel_each_in_their_own_sandbox()
    {
        var learners = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => fixture.NewLearnerAsync("par")));
        var cells = await Task.WhenAll(learners.Select(l => fixture.RunAsync(l,
            $"CREATE TABLE mine (who text); INSERT INTO mine VALUES ('{l.Name}'); SELECT who, current_database() FROM mine")));
        Assert.All(cells, c => Assert.True(c.Succeeded, c.Error?.Message ?? c.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message));
        Assert.Equal(learners.Select(l => l.Name), cells.Select(c => (string)c.Statements[2].Rows[0][0]!));
        Assert.Equal(12, cells.Select(c => c.Statements[2].Rows[0][1]).Distinct().Count());
    }

    [Fact]
    public async Task A_half_finished_creation_is_cleaned_up_by_the_next_use()
    {
        var me = await fixture.NewLearnerAsync();
        var (db, role) = SandboxNames.For(me.Id);
        // What a crash between CREATE DATABASE and the metadata commit leaves: objects without a row.
        await using (var cmd = fixture.Server.Admin.CreateCommand($"CREATE ROLE \"{role}\" LOGIN"))
            await cmd.ExecuteNonQueryAsync();
        await using (var cmd = fixture.Server.Admin.CreateCommand($"CREATE DATABASE \"{db}\" OWNER \"{role}\""))
            await cmd.ExecuteNonQueryAsync();
        Assert.Equal(1, (await fixture.RunOkAsync(me, "SELECT count(*)::int FROM pg_namespace WHERE nspname = 'lab'")).Rows[0][0]);
    }

    [Fact]
    public async Task Orphaned_sandboxes_of_deleted_learners_are_dropped()
    {
        var gone = await fixture.NewLearnerAsync("gone");
        var info = await fixture.Provisioner.EnsureAsync(gone, CancellationToken.None);
        await fixture.MetadataScalarAsync("DELETE FROM learners WHERE id = $1", gone.Id); // cascades to the row
        Assert.True(await fixture.Provisioner.DropOrphansAsync(CancellationToken.None) >= 2);
        Assert.Equal(0L, await fixture.AdminScalarAsync("SELECT count(*) FROM pg_database WHERE datname = $1", info.DatabaseName));
        Assert.Equal(0L, await fixture.AdminScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname = $1", info.RoleName));
    }

    [Fact]
    public async Task A_learner_who_changed_their_own_password_still_gets_in()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SELECT 1");
        var role = (await fixture.Provisioner.InspectInfoAsync(me.Id, CancellationToken.None))!.RoleName;
        await fixture.RunOkAsync(me, $"ALTER ROLE {role} PASSWORD 'mine-now'");
        await fixture.Sessions.CloseAsync(me.Id);
        var cell = await fixture.RunAsync(me, "SELECT 2");
        Assert.True(cell.Succeeded, cell.Error?.Message);
    }

    [Fact]
    public async Task The_scram_verifier_we_compute_lets_the_password_log_in_and_only_that_one()
    {
        var role = "scram_" + Guid.NewGuid().ToString("N")[..8];
        await using (var cmd = fixture.Server.Admin.CreateCommand($"CREATE ROLE {role} LOGIN PASSWORD '{ScramVerifier.Compute("pencil")}'"))
            await cmd.ExecuteNonQueryAsync();
        await using (var cmd = fixture.Server.Admin.CreateCommand($"GRANT CONNECT ON DATABASE postgres TO {role}"))
            await cmd.ExecuteNonQueryAsync();
        await using (var ok = new NpgsqlConnection(fixture.Server.ConnectionStringFor("postgres", role, "pencil") + ";Pooling=false"))
            await ok.OpenAsync();
        await using var bad = new NpgsqlConnection(fixture.Server.ConnectionStringFor("postgres", role, "pencil2") + ";Pooling=false");
        var e = await Assert.ThrowsAsync<PostgresException>(() => bad.OpenAsync());
        Assert.Equal("28P01", e.SqlState);
    }
}
