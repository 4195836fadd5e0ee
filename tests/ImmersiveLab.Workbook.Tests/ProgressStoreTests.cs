using ImmersiveLab.Labs;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Workbook.Tests;

[Collection(nameof(WorkbookCollection))]
public sealed class ProgressStoreTests(WorkbookServerFixture fixture)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Visits_runs_checks_and_time_are_read_back_per_lab()
    {
        var store = fixture.Get<ProgressStore>();
        var learner = await fixture.NewLearnerIdAsync();

        await store.RecordVisitAsync(learner, "welcome", 1, Ct);
        await store.RecordVisitAsync(learner, "welcome", 2, Ct);
        await store.RecordVisitAsync(learner, "welcome", 1, Ct);
        await store.AddTimeAsync(learner, "welcome", 1, TimeSpan.FromSeconds(40), Ct);
        await store.AddTimeAsync(learner, "welcome", 1, TimeSpan.FromSeconds(2), Ct);
        await store.RecordCellRunAsync(learner, "welcome", "hello", null, Ct);
        await store.RecordCellRunAsync(learner, "welcome", "hello", "relation \"x\" does not exist", Ct);
        await store.RecordVisitAsync(learner, "other-lab", 3, Ct);

        var progress = await store.GetLabAsync(learner, "welcome", Ct);

        Assert.Equal([1, 2], progress.Steps.Select(s => s.Step));
        Assert.Equal(42, progress.Steps[0].SecondsSpent);
        Assert.Equal(TimeSpan.FromSeconds(42), progress.TimeSpent);
        var run = Assert.Single(progress.Cells);
        Assert.Equal(("hello", 2, "relation \"x\" does not exist"), (run.CellId, run.Runs, run.LastError));
        Assert.Equal(new LearnerPosition("other-lab", 3, default), (await store.GetPositionAsync(learner, Ct))! with { UpdatedAt = default });
        Assert.Equal(["other-lab", "welcome"], (await store.GetAllAsync(learner, Ct)).Keys.Order());
    }

    [Fact]
    public async Task A_solved_exercise_stays_solved_after_a_later_failed_check()
    {
        var store = fixture.Get<ProgressStore>();
        var learner = await fixture.NewLearnerIdAsync();

        await store.RecordCheckAsync(learner, "welcome", "notes", false, "expected 3 rows", Ct);
        Assert.False((await store.GetLabAsync(learner, "welcome", Ct)).Solved("notes"));

        await store.RecordCheckAsync(learner, "welcome", "notes", true, null, Ct);
        await store.RecordCheckAsync(learner, "welcome", "notes", false, "relation \"notes\" does not exist", Ct);

        var check = (await store.GetLabAsync(learner, "welcome", Ct)).Check("notes")!;
        Assert.False(check.Passed);
        Assert.True(check.Solved);
        Assert.Equal("relation \"notes\" does not exist", check.Message);
    }

    [Fact]
    public async Task A_learner_without_progress_gets_empty_progress_and_no_position()
    {
        var store = fixture.Get<ProgressStore>();
        var learner = await fixture.NewLearnerIdAsync();

        Assert.Empty((await store.GetLabAsync(learner, "welcome", Ct)).Steps);
        Assert.Null(await store.GetPositionAsync(learner, Ct));
        Assert.Empty(await store.GetAllAsync(learner, Ct));
    }

    [Fact]
    public async Task Bad_ids_are_refused_with_a_clear_message()
    {
        var store = fixture.Get<ProgressStore>();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordCellRunAsync(Guid.NewGuid(), "welcome", "", null, Ct));
        Assert.Contains("cell id", e.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.RecordVisitAsync(Guid.NewGuid(), "welcome", -1, Ct));
    }

    [Fact]
    public async Task The_summary_counts_against_the_lab_and_completes_when_every_exercise_passed()
    {
        var store = fixture.Get<ProgressStore>();
        var lab = fixture.Get<ILabCatalog>().Find("welcome")!;
        var exercises = lab.Document("en").Exercises.Select(c => c.Id).ToList();
        Assert.NotEmpty(exercises);
        var learner = await fixture.NewLearnerIdAsync();

        await store.RecordVisitAsync(learner, lab.Id, 1, Ct);
        await store.RecordCellRunAsync(learner, lab.Id, lab.Document("en").Cells.First().Id, null, Ct);
        await store.RecordCellRunAsync(learner, lab.Id, "not-a-cell-any-more", null, Ct);
        foreach (var id in exercises.Skip(1)) await store.RecordCheckAsync(learner, lab.Id, id, true, null, Ct);

        var summary = LabProgressSummary.Of(lab, await store.GetLabAsync(learner, lab.Id, Ct));
        Assert.Equal((1, 1, exercises.Count - 1), (summary.StepsVisited, summary.CellsRun, summary.ExercisesSolved));
        Assert.False(summary.IsComplete);

        await store.RecordCheckAsync(learner, lab.Id, exercises[0], true, null, Ct);
        Assert.True(LabProgressSummary.Of(lab, await store.GetLabAsync(learner, lab.Id, Ct)).IsComplete);
    }

    /// <summary>Each test here owns its cluster, because it stops and starts it.</summary>
    [Fact]
    public async Task Progress_and_edits_survive_an_app_restart()
    {
        using var dir = new TempDirectory();
        var factory = new WorkbookServerFixture();
        Guid learner;
        await using (var first = factory.BuildServices(dir.Path))
        {
            var server = first.GetRequiredService<ImmersiveLab.Database.LabServer>();
            await server.StartAsync(Ct);
            await using (var cmd = server.Metadata.CreateCommand("INSERT INTO learners (name) VALUES ('restart') RETURNING id"))
                learner = (Guid)(await cmd.ExecuteScalarAsync())!;
            var store = first.GetRequiredService<ProgressStore>();
            await store.RecordVisitAsync(learner, "welcome", 2, Ct);
            await store.AddTimeAsync(learner, "welcome", 2, TimeSpan.FromMinutes(3), Ct);
            await store.RecordCheckAsync(learner, "welcome", "notes", true, null, Ct);
            await first.GetRequiredService<CellEditStore>().SaveAsync(learner, "welcome", "edit-me", "SELECT 1;", "SELECT 6 * 7 AS answer;", Ct);
            await server.StopAsync(Ct);
        }

        await using var second = factory.BuildServices(dir.Path);
        var again = second.GetRequiredService<ImmersiveLab.Database.LabServer>();
        await again.StartAsync(Ct);
        try
        {
            var progress = await second.GetRequiredService<ProgressStore>().GetLabAsync(learner, "welcome", Ct);
            Assert.True(progress.Visited(2));
            Assert.Equal(TimeSpan.FromMinutes(3), progress.TimeSpent);
            Assert.True(progress.Solved("notes"));
            Assert.Equal(2, (await second.GetRequiredService<ProgressStore>().GetPositionAsync(learner, Ct))!.Step);
            Assert.Equal("SELECT 1;", await second.GetRequiredService<CellEditStore>().GetAsync(learner, "welcome", "edit-me", Ct));
        }
        finally
        {
            await again.StopAsync(Ct);
        }
    }
}
