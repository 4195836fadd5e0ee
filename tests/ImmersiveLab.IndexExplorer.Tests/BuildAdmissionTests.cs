using Bunit;
using ImmersiveLab.IndexExplorer.Components;
using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Sql;
using ImmersiveLab.IndexExplorer.Tests.Support;
using ImmersiveLab.IndexExplorer.Workspace;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.IndexExplorer.Tests;

/// <summary>
/// The server-wide limit on explorer loads and builds at once (beside the per-learner gate), the waiting state it shows,
/// and the bounded maintenance_work_mem of the builds. The fixture allows one at a time, so a test that holds the turn
/// makes every other load or build wait.
/// </summary>
[Collection(nameof(ExplorerCollection))]
public sealed class BuildAdmissionTests(ExplorerFixture fx)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Turns_go_in_order_and_those_waiting_hear_their_place_in_line()
    {
        var admission = new BuildAdmission(Options.Create(new IndexExplorerOptions { MaxConcurrentBuilds = 1 }));
        var first = await admission.EnterAsync(null, None);
        var (b, c, d) = (new Recorder<int>(), new Recorder<int>(), new Recorder<int>());
        using var cancelB = new CancellationTokenSource();

        var second = admission.EnterAsync(b, cancelB.Token);
        var third = admission.EnterAsync(c, None);
        var fourth = admission.EnterAsync(d, None);
        Assert.Equal([1], b.Items);
        Assert.Equal([2], c.Items);
        Assert.Equal([3], d.Items);
        Assert.Equal((1, 3), (admission.Running, admission.Waiting));

        await cancelB.CancelAsync(); // the first in line leaves it
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal([2, 1], c.Items);
        Assert.Equal([3, 2], d.Items);

        first.Dispose();
        using (await third)
        {
            Assert.Equal([3, 2, 1], d.Items);
            Assert.False(fourth.IsCompleted); // while the third holds the turn (once it lets go, the fourth may start)
        }
        using (await fourth) Assert.Equal((1, 0), (admission.Running, admission.Waiting));
        Assert.Equal([2, 1], c.Items); // nobody hears "waiting" once it runs
        Assert.Equal(0, admission.Running);
    }

    [Fact]
    public async Task A_build_waits_for_its_turn_running_nothing_and_then_builds_with_the_bounded_maintenance_work_mem()
    {
        var transcript = new SqlTranscript();
        var learner = await fx.NewLearnerIdAsync();
        var dataset = await fx.Generator.GenerateAsync(learner,
            new DatasetSpec { TableName = "queued", Shape = DatasetShape.Uniform, Rows = 2000, Dimensions = 16, Queries = 5 }, transcript, null, None);
        Assert.Contains(transcript.Entries, e => e.Sql == "SET maintenance_work_mem = '256MB'");
        var admission = fx.Get<BuildAdmission>();
        var progress = new Recorder<BuildProgress>();

        var held = await admission.EnterAsync(null, None); // another learner's build
        var build = fx.Builder.BuildAsync(learner, dataset, new IndexSpec { Kind = IndexKind.Hnsw, M = 8, EfConstruction = 32 }, transcript, progress, None);
        await Until(() => admission.Waiting == 1);
        Assert.True(progress.Items[^1].IsWaiting);
        Assert.Equal(1, progress.Items[^1].QueuePosition);
        Assert.DoesNotContain(transcript.Entries, e => e.Step == IndexBuilder.Step); // nothing sent to the server yet

        held.Dispose();
        var built = await build;

        Assert.True(built.SizeBytes > 0);
        Assert.Contains(transcript.Entries, e => e.Step == IndexBuilder.Step && e.Sql == "SET maintenance_work_mem = '256MB'");
        Assert.False(progress.Items[^1].IsWaiting);
        Assert.Equal(0, admission.Running);
    }

    [Theory]
    [InlineData("en", "Waiting for other learners' dataset loads and index builds to finish: yours is number 1 in line.")]
    [InlineData("zh", "正在等待其他学员的数据加载和索引构建完成：你排在第 1 位。")]
    public async Task The_explorer_shows_a_build_waiting_for_its_turn_in_the_ui_language(string culture, string waiting)
    {
        var learner = await fx.NewLearnerIdAsync();
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try
        {
            using var workspace = fx.Get<ExplorerWorkspace>();
            await workspace.InitializeAsync(learner, null, None);
            await workspace.GenerateAsync(new DatasetSpec { TableName = "shown", Shape = DatasetShape.Uniform, Rows = 1000, Dimensions = 8, Queries = 5 }, None);
            await using var ctx = ExplorerUiContext.Create();
            var cut = ctx.Render<IndexPanel>(p => p.Add(c => c.Workspace, workspace));

            var admission = fx.Get<BuildAdmission>();
            var held = await admission.EnterAsync(null, None);
            Task build;
            try
            {
                build = workspace.BuildAsync(new IndexSpec { Kind = IndexKind.IvfFlat, Lists = 4 }, None);
                cut.WaitForAssertion(() => Assert.Contains(waiting, cut.Find("[data-testid=build-waiting]").TextContent), TimeSpan.FromSeconds(30));
            }
            finally
            {
                held.Dispose();
            }
            await build;
            cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=build-waiting]")), TimeSpan.FromSeconds(30));
            Assert.Null(workspace.Error);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Explorer_settings_that_cannot_work_are_refused()
    {
        var validator = new IndexExplorerOptionsValidator();
        Assert.True(validator.Validate(null, new IndexExplorerOptions()).Succeeded);
        Assert.True(validator.Validate(null, new IndexExplorerOptions { BuildMaintenanceWorkMem = null }).Succeeded);
        var failures = validator.Validate(null, new IndexExplorerOptions { MaxConcurrentBuilds = -1, BuildMaintenanceWorkMem = "1GB; RESET ALL" }).Failures!;
        Assert.Contains(failures, f => f.Contains("IndexExplorer:MaxConcurrentBuilds"));
        Assert.Contains(failures, f => f.Contains("IndexExplorer:BuildMaintenanceWorkMem"));
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within a minute");
            await Task.Delay(20);
        }
    }
}
