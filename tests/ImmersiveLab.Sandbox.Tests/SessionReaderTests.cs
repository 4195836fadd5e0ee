using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImmersiveLab.Sandbox.Tests;

[Collection(nameof(SandboxCollection))]
public sealed class SessionReaderTests(SandboxFixture fixture)
{
    private SessionReader Reader => fixture.Services.GetRequiredService<SessionReader>();

    [Fact]
    public async Task A_read_runs_as_the_learner_in_their_session_and_sees_their_temp_tables_and_search_path()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "CREATE TEMP TABLE scratch (x int); SET search_path = lab, public");
        var read = await Reader.ReadAsync(me.Id, (c, ct) => ScalarAsync<string>(c,
            "SELECT current_user || ' ' || (to_regclass('scratch') IS NOT NULL) || ' ' || current_setting('search_path')", ct), CancellationToken.None);
        Assert.True(read.Succeeded, read.Reason);
        var role = (await fixture.Provisioner.InspectInfoAsync(me.Id, CancellationToken.None))!.RoleName;
        Assert.Equal($"{role} true lab, public", read.Value);
    }

    [Fact]
    public async Task A_read_does_not_wait_behind_a_running_cell()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SELECT 1");
        // A cell that ends only when cancelled (or after 20 s, so a read that waits fails instead of hanging).
        using var stop = new CancellationTokenSource();
        var running = fixture.RunnerWith(o => o.ClientDeadline = TimeSpan.FromMinutes(3))
            .RunAsync(me, "SET statement_timeout = '2min'; SELECT pg_sleep(20)", stop.Token);
        await fixture.UntilServerRunsAsync("pg_sleep(20)");

        var read = Reader.ReadAsync(me.Id, (c, ct) => ScalarAsync<int>(c, "SELECT 1", ct), CancellationToken.None);

        Assert.Same(read, await Task.WhenAny(read, running)); // answered while the cell still ran
        Assert.Equal(SessionReadOutcome.Busy, (await read).Outcome);
        await stop.CancelAsync();
        Assert.True((await running).Cancelled);
    }

    [Fact]
    public async Task A_read_leaves_an_open_transaction_alone_and_reads_again_once_it_ends()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "BEGIN; CREATE TABLE pending (x int)");
        var during = await Reader.ReadAsync(me.Id, (c, ct) => ScalarAsync<bool>(c, "SELECT to_regclass('pending') IS NOT NULL", ct), CancellationToken.None);
        Assert.Equal(SessionReadOutcome.InTransaction, during.Outcome);
        await fixture.RunOkAsync(me, "COMMIT");
        var after = await Reader.ReadAsync(me.Id, (c, ct) => ScalarAsync<bool>(c, "SELECT to_regclass('pending') IS NOT NULL", ct), CancellationToken.None);
        Assert.True(after.Succeeded, after.Reason);
        Assert.True(after.Value);
    }

    [Fact]
    public async Task A_read_that_reconnects_leaves_the_news_of_the_lost_session_to_the_next_run()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SET work_mem = '1MB'");
        var role = (await fixture.Provisioner.InspectInfoAsync(me.Id, CancellationToken.None))!.RoleName;
        await fixture.AdminScalarAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", role);

        var read = await Reader.ReadAsync(me.Id, (c, ct) => ScalarAsync<string>(c, "SHOW work_mem", ct), CancellationToken.None);
        Assert.True(read.Succeeded, read.Reason);
        Assert.Equal("4MB", read.Value);
        Assert.True((await fixture.RunAsync(me, "SELECT 1")).SessionWasReset);
        Assert.False((await fixture.RunAsync(me, "SELECT 1")).SessionWasReset);
    }

    [Fact]
    public async Task A_failed_or_slow_read_leaves_the_session_as_it_was()
    {
        var me = await fixture.NewLearnerAsync();
        await fixture.RunOkAsync(me, "SET work_mem = '2MB'");

        var failed = await Reader.ReadAsync(me.Id, (c, ct) => ScalarAsync<int>(c, "SELECT no_such_column FROM pg_class", ct), CancellationToken.None);
        Assert.Equal(SessionReadOutcome.Failed, failed.Outcome);
        Assert.Contains("no_such_column", failed.Reason);

        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var slow = await Reader.ReadAsync(me.Id, (c, ct) => ScalarAsync<object>(c, "SELECT pg_sleep(3)", ct), soon.Token);
        Assert.Equal(SessionReadOutcome.TimedOut, slow.Outcome);

        var cell = await fixture.RunAsync(me, "SHOW work_mem");
        Assert.True(cell.Succeeded);
        Assert.False(cell.SessionWasReset);
        Assert.Equal("2MB", cell.Statements[0].Rows[0][0]);
        Assert.Equal(Execution.TransactionStatus.Idle, cell.Transaction);
    }

    [Fact]
    public async Task Statements_that_ran_are_told_to_listeners_up_to_the_one_that_failed()
    {
        var me = await fixture.NewLearnerAsync();
        var heard = new List<StatementsRan>();
        fixture.Services.GetRequiredService<SandboxEvents>().OnStatementsRan(r =>
        {
            if (r.LearnerId == me.Id) lock (heard) heard.Add(r);
        });
        await fixture.RunOkAsync(me, "CREATE TABLE a (x int); SELECT 1");
        await fixture.RunAsync(me, "INSERT INTO a VALUES (1); SELECT 1/0; DROP TABLE a");
        lock (heard)
        {
            Assert.Equal(2, heard.Count);
            Assert.Equal(["CREATE", "SELECT"], heard[0].Statements.Select(s => s.FirstWord));
            Assert.Equal(["INSERT", "SELECT"], heard[1].Statements.Select(s => s.FirstWord));
            Assert.All(heard, h => Assert.False(h.SessionWasReset));
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
