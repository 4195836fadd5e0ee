using ImmersiveLab.Database;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Workbook.Tests.Faults;

/// <summary>
/// The app restarted mid-class: a fresh app instance (new service provider, nothing kept in memory) on the same data
/// gives a returning learner their sandbox, with their data, and their progress. Owns its cluster: the first instance
/// stops it on shutdown, as the app does.
/// </summary>
public sealed class AppRestartTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string Name = "Ada Lovelace";

    [Fact]
    public async Task A_returning_learner_gets_their_sandbox_data_and_progress_from_a_fresh_app_instance()
    {
        using var dir = new TempDirectory();
        var factory = new WorkbookServerFixture();
        Guid learnerId;
        string database;
        await using (var first = await StartAsync(factory, dir))
        {
            var learner = await first.GetRequiredService<LearnerDirectory>().GetOrCreateAsync(Name, null, Ct);
            learnerId = learner.Id;
            await using var scope = first.CreateAsyncScope();
            var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(learner));
            var welcome = first.GetRequiredService<ILabCatalog>().Find("welcome")!;
            var cell = welcome.Document("en").FindCell("edit-me")!;
            var run = await session.RunCellAsync(welcome.Id, cell, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (1), (2);", Ct);
            Assert.True(run.Result.Succeeded, run.Result.Error?.Message);
            await session.OpenStepAsync(welcome.Id, 2, Ct);
            await session.SaveEditAsync(welcome.Id, cell, "SELECT sum(n) FROM kept;", Ct);
            database = (await first.GetRequiredService<SandboxProvisioner>().InspectInfoAsync(learnerId, Ct))!.DatabaseName;
            await first.GetRequiredService<LabServer>().StopAsync(Ct);
        }

        await using var second = await StartAsync(factory, dir);
        try
        {
            // The learner comes back under the same name (as a rejoin does) and is the same learner.
            var again = await second.GetRequiredService<LearnerDirectory>().GetOrCreateAsync(Name, null, Ct);
            Assert.Equal(learnerId, again.Id);
            await using var scope = second.CreateAsyncScope();
            var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(again));
            var welcome = second.GetRequiredService<ILabCatalog>().Find("welcome")!;
            var cell = welcome.Document("en").FindCell("edit-me")!;

            var position = await session.GetPositionAsync(Ct);
            Assert.Equal(("welcome", 2), (position!.LabId, position.Step));
            var edited = (await session.GetEditsAsync(welcome.Id, Ct))[cell.Id];
            var run = await session.RunCellAsync(welcome.Id, cell, edited + " SELECT current_database()::text;", Ct);

            Assert.True(run.Result.Succeeded, run.Result.Error?.Message ?? run.Result.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message);
            Assert.Equal(3L, run.Result.Statements[0].Rows[0][0]);
            Assert.Equal(database, run.Result.Statements[1].Rows[0][0]);
            var progress = await session.GetProgressAsync(welcome.Id, Ct);
            Assert.True(progress.Visited(2));
            Assert.Equal(2, progress.Cell(cell.Id)!.Runs);
        }
        finally
        {
            await second.GetRequiredService<LabServer>().StopAsync(Ct);
        }
    }

    private static async Task<ServiceProvider> StartAsync(WorkbookServerFixture factory, TempDirectory dir)
    {
        var services = factory.BuildServices(dir.Path);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await services.GetRequiredService<LabServer>().StartAsync(timeout.Token);
        return services;
    }
}
