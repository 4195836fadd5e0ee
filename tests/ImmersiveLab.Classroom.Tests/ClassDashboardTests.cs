using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Workbook;

namespace ImmersiveLab.Classroom.Tests;

[Collection(nameof(ClassroomCollection))]
public sealed class ClassDashboardTests(ClassroomFixture fx)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Shows_each_learner_where_they_are_what_they_solved_and_their_last_error()
    {
        var cls = await fx.NewClassAsync(labs: ["welcome", "vectors"]);
        var ada = await fx.JoinAsync(cls, "Ada");
        var bob = await fx.JoinAsync(cls, "bob");
        var progress = fx.Get<ProgressStore>();
        await progress.RecordVisitAsync(ada.Id, "vectors", 3, Ct);
        await progress.RecordCheckAsync(ada.Id, "welcome", "notes", true, null, Ct);
        await progress.RecordCheckAsync(ada.Id, "vectors", "dims", true, null, Ct);
        await progress.RecordCheckAsync(ada.Id, "large-objects", "toast", true, null, Ct); // not a lab of this class
        await progress.RecordCheckAsync(bob.Id, "welcome", "notes", false, "not yet", Ct);
        await progress.RecordCellRunAsync(bob.Id, "welcome", "edit-me", "syntax error at or near \"SELEC\"", Ct);
        await progress.RecordCellRunAsync(bob.Id, "welcome", "other", null, Ct);

        var view = (await fx.Get<ClassDashboard>().GetAsync(cls.Id, Ct))!;
        Assert.Equal(["Ada", "bob"], view.Learners.Select(l => l.Name));
        var expectedExercises = new[] { "welcome", "vectors" }.Sum(id => fx.Catalog.Find(id)!.Document("en").Exercises.Count());
        Assert.Equal([("welcome", fx.Catalog.Find("welcome")!.Document("en").Exercises.Count()), ("vectors", fx.Catalog.Find("vectors")!.Document("en").Exercises.Count())],
            view.Labs.Select(l => (l.LabId, l.Exercises)));

        var a = view.Learners[0];
        Assert.Equal(new LearnerPlace("vectors", 3, a.Place!.AtUtc), a.Place);
        Assert.Equal(2, a.Solved);
        Assert.Equal(expectedExercises, a.Exercises);
        Assert.Equal(1, a.SolvedByLab["large-objects"]);
        Assert.Null(a.LastError);

        var b = view.Learners[1];
        Assert.Null(b.Place);
        Assert.Equal(0, b.Solved);
        Assert.Equal("edit-me", b.LastError!.CellId);
        Assert.Contains("SELEC", b.LastError.Message);
        Assert.True(b.Idle < TimeSpan.FromMinutes(1));
        Assert.False(b.HasSandbox);
    }

    [Fact]
    public async Task Shows_each_sandboxs_disk_use_against_its_limit_once_measured()
    {
        var cls = await fx.NewClassAsync();
        var ada = await fx.JoinAsync(cls, "Ada");
        await fx.RunOkAsync(ada, "CREATE TABLE t AS SELECT g FROM generate_series(1, 1000) g");
        Assert.Null((await fx.Get<ClassDashboard>().GetAsync(cls.Id, Ct))!.Learners.Single().Storage);

        await fx.Get<ImmersiveLab.Sandbox.Quota.SandboxQuotaSweep>().RunAsync(Ct);
        var storage = (await fx.Get<ClassDashboard>().GetAsync(cls.Id, Ct))!.Learners.Single().Storage!;
        Assert.InRange(storage.SizeBytes, 1L << 20, 256L << 20);
        Assert.Equal(256L << 20, storage.LimitBytes); // Sandbox:MaxSandboxSize's default
        Assert.False(storage.IsOverLimit);
    }

    [Fact]
    public async Task Shows_who_is_running_a_statement_right_now()
    {
        var cls = await fx.NewClassAsync();
        var busy = await fx.JoinAsync(cls, "busy");
        var calm = await fx.JoinAsync(cls, "calm");
        await fx.RunOkAsync(calm, "SELECT 1");
        var running = fx.Get<SqlRunner>().RunAsync(busy, "SELECT pg_sleep(5)", Ct);
        var dashboard = fx.Get<ClassDashboard>();
        LearnerStatus? seen = null;
        for (var i = 0; i < 100 && seen?.IsRunning != true; i++)
        {
            await Task.Delay(100);
            seen = (await dashboard.GetAsync(cls.Id, Ct))!.Learners.Single(l => l.Name == "busy");
        }
        Assert.True(seen!.IsRunning);
        var view = (await dashboard.GetAsync(cls.Id, Ct))!;
        Assert.False(view.Learners.Single(l => l.Name == "calm").IsRunning);
        Assert.True(view.Learners.Single(l => l.Name == "calm").HasSandbox);
        fx.Get<SqlRunner>().Cancel(busy.Id);
        await running;
    }

    [Fact]
    public async Task A_missing_class_has_no_dashboard() => Assert.Null(await fx.Get<ClassDashboard>().GetAsync(Guid.NewGuid(), Ct));
}
