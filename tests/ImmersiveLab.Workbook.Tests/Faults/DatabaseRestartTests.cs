using System.Diagnostics;
using ImmersiveLab.Database.Cluster;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Admission;
using Microsoft.Extensions.DependencyInjection;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Workbook.Tests.Faults;

/// <summary>
/// PostgreSQL restarted mid-class: a learner's cell waits ("reconnecting") instead of failing, and carries on once
/// the server is back, with their sandbox and progress intact. Owns its cluster, because it stops and starts it.
/// </summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    /// <summary>The classroom promise: back to work within this long after the server is.</summary>
    private static readonly TimeSpan BackWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly WorkbookServerFixture _lab = new();

    public Task InitializeAsync() => _lab.InitializeAsync();

    public Task DisposeAsync() => _lab.DisposeAsync();

    private Lab Welcome => _lab.Get<ILabCatalog>().Find("welcome")!;

    [Fact]
    public async Task A_cell_run_while_the_server_restarts_says_reconnecting_and_then_runs_on_the_learners_own_data()
    {
        var learner = await _lab.NewLearnerAsync();
        await using var scope = _lab.Services.CreateAsyncScope();
        var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(learner));
        var cell = Welcome.Document("en").FindCell("edit-me")!;
        var before = await session.RunCellAsync(Welcome.Id, cell,
            "CREATE TABLE kept (n int); INSERT INTO kept SELECT generate_series(1, 3);", Ct);
        Assert.True(before.Result.Succeeded, before.Result.Error?.Message);
        await session.OpenStepAsync(Welcome.Id, 2, Ct);
        var cluster = _lab.Get<EmbeddedCluster>();
        var waits = new List<RunWait>();
        session.State(Welcome.Id, cell.Id).Changed += () => { if (session.State(Welcome.Id, cell.Id).Waiting is { } w) lock (waits) waits.Add(w); };

        await cluster.StopAsync(Ct);
        var during = session.RunCellAsync(Welcome.Id, cell, "SELECT count(*), sum(n) FROM kept;", Ct);
        await WaitUntilAsync(() => session.State(Welcome.Id, cell.Id).Waiting?.Kind == RunWaitKind.Reconnecting);
        Assert.False(during.IsCompleted, "the run must wait for the server, not fail");
        await cluster.StartAsync(Ct);
        var back = Stopwatch.StartNew();
        var run = await during.WaitAsync(Generous);
        var carriedOnAfter = back.Elapsed;

        Assert.True(run.Result.Succeeded, run.Result.Error?.Message ?? run.Result.Statements.FirstOrDefault()?.Error?.Message);
        Assert.Equal(3L, run.Result.Statements[0].Rows[0][0]);
        Assert.Equal(6L, run.Result.Statements[0].Rows[0][1]);
        Assert.True(run.Result.SessionWasReset, "the learner is told their session state (SETs, temp tables) went with the restart");
        Assert.True(carriedOnAfter < BackWithin, $"carried on {carriedOnAfter} after the server was back");
        Assert.Null(session.State(Welcome.Id, cell.Id).Waiting);
        lock (waits) Assert.Contains(waits, w => w.Kind == RunWaitKind.Reconnecting);

        // The next run is plain again, and the progress written before the restart is still there (with this run's).
        var next = await session.RunCellAsync(Welcome.Id, cell, "INSERT INTO kept VALUES (4); SELECT count(*) FROM kept;", Ct);
        Assert.True(next.Result.Succeeded, next.Result.Error?.Message ?? next.Result.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
        Assert.False(next.Result.SessionWasReset);
        Assert.Equal(4L, next.Result.Statements[1].Rows[0][0]);
        var progress = await session.GetProgressAsync(Welcome.Id, Ct);
        Assert.True(progress.Visited(2));
        Assert.Equal(3, progress.Cell(cell.Id)!.Runs);
        var position = (await session.GetPositionAsync(Ct))!;
        Assert.Equal((Welcome.Id, 2), (position.LabId, position.Step));
    }

    [Fact]
    public async Task After_a_restart_between_two_runs_the_next_run_and_its_progress_just_work()
    {
        var learner = await _lab.NewLearnerAsync();
        await using var scope = _lab.Services.CreateAsyncScope();
        var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(learner));
        var cell = Welcome.Document("en").FindCell("edit-me")!;
        var before = await session.RunCellAsync(Welcome.Id, cell, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7);", Ct);
        Assert.True(before.Result.Succeeded, before.Result.Error?.Message);
        await session.OpenStepAsync(Welcome.Id, 3, Ct);

        // Every pooled connection of the app (metadata, admin) and the learner's session now point at a dead backend.
        var cluster = _lab.Get<EmbeddedCluster>();
        await cluster.StopAsync(Ct);
        await cluster.StartAsync(Ct);
        var back = Stopwatch.StartNew();
        var run = await session.RunCellAsync(Welcome.Id, cell, "SELECT n FROM kept;", Ct).WaitAsync(Generous);

        Assert.True(run.Result.Succeeded, run.Result.Error?.Message ?? run.Result.Statements.FirstOrDefault()?.Error?.Message);
        Assert.Equal(7, run.Result.Statements[0].Rows[0][0]);
        Assert.True(back.Elapsed < BackWithin, $"carried on {back.Elapsed} after the server was back");
        var progress = await session.GetProgressAsync(Welcome.Id, Ct);
        Assert.True(progress.Visited(3));
        Assert.Equal(2, progress.Cell(cell.Id)!.Runs);
    }

    [Fact]
    public async Task While_the_server_is_down_the_session_reports_it_unavailable_without_npgsql_reaching_the_page()
    {
        var learner = await _lab.NewLearnerAsync();
        await using var scope = _lab.Services.CreateAsyncScope();
        var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(learner));
        var cell = Welcome.Document("en").FindCell("edit-me")!;
        Assert.True((await session.RunCellAsync(Welcome.Id, cell, "SELECT 1;", Ct)).Result.Succeeded);

        var cluster = _lab.Get<EmbeddedCluster>();
        await cluster.StopAsync(Ct);
        try
        {
            var progress = await Assert.ThrowsAsync<WorkbookUnavailableException>(() => session.GetProgressAsync(Welcome.Id, Ct));
            Assert.IsAssignableFrom<Npgsql.NpgsqlException>(progress.InnerException);
            Assert.Contains("not answering", progress.Message);
            var save = await Assert.ThrowsAsync<WorkbookUnavailableException>(() => session.SaveEditAsync(Welcome.Id, cell, "SELECT 2;", Ct));
            Assert.NotNull(save.InnerException);
            await Assert.ThrowsAsync<WorkbookUnavailableException>(() => session.GetAllProgressAsync(Ct));
        }
        finally
        {
            await cluster.StartAsync(Ct);
        }
        Assert.NotNull(await session.GetProgressAsync(Welcome.Id, Ct));
    }

    /// <summary>Polls for a state the product reaches on its own; fails after a generous bound.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Generous);
        while (!condition()) await Task.Delay(20, limit.Token);
    }
}
