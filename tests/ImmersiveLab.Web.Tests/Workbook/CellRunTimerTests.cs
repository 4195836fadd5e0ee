using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Workbook;
using ImmersiveLab.Workbook.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>
/// A cell's Run measured on the server from the event to the render that shows its answer, recorded in
/// immersivelab.run.duration with bounded labels (the repository's labs, a fake clock, the app's own meter).
/// </summary>
public sealed class CellRunTimerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-08T09:00:00Z"));
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly List<(double Seconds, Dictionary<string, object?> Tags)> _recorded = [];

    public CellRunTimerTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Labs:LabsDirectory"] = RepoPaths.Labs,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging();
        services.AddLabs(configuration);
        services.AddMetrics();
        services.AddSingleton<WorkbookMetrics>();
        services.AddSingleton<RunTelemetry>();
        _services = services.BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == WorkbookMetrics.RunDurationName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value;
            lock (_recorded) _recorded.Add((value, copy));
        });
        _listener.Start();
    }

    private CellRunTimer Timer() => new(_services.GetRequiredService<RunTelemetry>());

    private (Lab Lab, SqlCell Cell, int Step) Welcome(string cellId)
    {
        var lab = _services.GetRequiredService<ILabCatalog>().Find("welcome")!;
        var step = lab.Document("en").Steps.First(s => s.Cells.Any(c => c.Id == cellId));
        return (lab, step.Cells.Single(c => c.Id == cellId), step.Number);
    }

    private static CellRunResult Succeeded => new() { Statements = [] };

    [Fact]
    public void The_Run_lasts_until_the_first_render_that_shows_the_answer()
    {
        var (lab, cell, step) = Welcome("edit-me");
        using var timer = Timer();
        timer.Start(lab.Id, cell);
        timer.Rendering(); // "running", queue position…
        _time.Advance(TimeSpan.FromSeconds(1));
        timer.Answered(Succeeded);
        timer.AfterRender(); // the browser acknowledged the render from before the answer
        Assert.Empty(_recorded);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        timer.Rendering(); // the answer goes out
        _time.Advance(TimeSpan.FromSeconds(3)); // a slow browser acknowledges it: not the server's time
        timer.AfterRender();

        var (seconds, tags) = Assert.Single(_recorded);
        Assert.Equal(1.5, seconds, precision: 6);
        Assert.Equal("welcome", tags[WorkbookTelemetry.LabTag]);
        Assert.Equal(step, tags[WorkbookTelemetry.StepTag]);
        Assert.Equal("runnable", tags[WorkbookTelemetry.CellKindTag]);
        Assert.Equal(RunMeasurement.Ok, tags[WorkbookTelemetry.OutcomeTag]);

        timer.Rendering();
        timer.AfterRender();
        Assert.Single(_recorded); // once per Run
    }

    [Fact]
    public void An_answer_the_cell_rendered_before_the_Run_returned_is_recorded_at_that_render()
    {
        var (lab, cell, _) = Welcome("edit-me");
        using var timer = Timer();
        var answer = Succeeded;
        timer.Start(lab.Id, cell);
        timer.Rendering(); // "running"
        _time.Advance(TimeSpan.FromSeconds(2));
        timer.Rendering(answer); // the cell's state changed: its result is on the page before RunCellAsync returns
        _time.Advance(TimeSpan.FromSeconds(1)); // the check, the progress write
        timer.Answered(answer);
        Assert.Single(_recorded); // no render follows (the cell renders only on state changes), so it counts now

        timer.AfterRender();
        timer.AfterRender();
        timer.Rendering(answer);
        timer.AfterRender();
        Assert.Single(_recorded);
    }

    [Fact]
    public void A_failed_statement_a_cancel_and_an_exception_are_outcomes_of_their_own()
    {
        var (lab, cell, _) = Welcome("edit-me");
        using var timer = Timer();
        void Run(Action answer)
        {
            timer.Start(lab.Id, cell);
            answer();
            timer.Rendering();
            timer.AfterRender();
        }

        Run(() => timer.Answered(new CellRunResult
        {
            Statements = [new StatementResult { Index = 0, Sql = "SELECT x", StartLine = 1, Error = new SqlError("column \"x\" does not exist", "42703") }],
        }));
        Run(() => timer.Answered(new CellRunResult { Cancelled = true }));
        Run(() => timer.Threw(new InvalidOperationException("gone")));

        Assert.Equal([RunMeasurement.Error, RunMeasurement.Cancelled, RunMeasurement.Failed],
            _recorded.Select(r => (string)r.Tags[WorkbookTelemetry.OutcomeTag]!));
    }

    [Fact]
    public void A_lab_the_catalog_does_not_have_is_labelled_other()
    {
        var (_, cell, _) = Welcome("edit-me");
        using var timer = Timer();
        timer.Start("a-learner-could-type-anything-" + Guid.NewGuid(), cell);
        timer.Answered(Succeeded);
        timer.Rendering();
        timer.AfterRender();

        var (_, tags) = Assert.Single(_recorded);
        Assert.Equal(RunLabels.OtherLab, tags[WorkbookTelemetry.LabTag]);
        Assert.Equal(0, tags[WorkbookTelemetry.StepTag]);
    }

    [Fact]
    public void A_Run_is_traced_from_the_event_to_the_browser_s_acknowledgement()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkbookTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var (lab, cell, _) = Welcome("edit-me");
        using var timer = Timer();

        timer.Start(lab.Id, cell);
        timer.EditorRead();
        timer.Answered(Succeeded);
        timer.Rendering();
        lock (spans) Assert.Empty(spans); // recorded, but traced on until the browser acknowledges the answer
        Assert.Single(_recorded);
        timer.AfterRender();

        lock (spans)
        {
            var run = Assert.Single(spans, s => s.OperationName == WorkbookTelemetry.RunSpan && s.Events.Any(e => e.Name == "immersivelab.run.editor_read"));
            var render = Assert.Single(spans, s => s.OperationName == WorkbookTelemetry.RenderSpan && s.ParentSpanId == run.SpanId);
            Assert.Contains(render.Events, e => e.Name == "immersivelab.run.answer_sent");
        }
    }

    [Fact]
    public void A_cell_that_went_away_before_showing_its_answer_records_nothing()
    {
        var (lab, cell, _) = Welcome("notes");
        var timer = Timer();
        timer.Start(lab.Id, cell);
        timer.Answered(Succeeded);

        timer.Dispose();
        timer.Rendering();
        timer.AfterRender();

        Assert.Empty(_recorded);
    }

    [Fact]
    public void Without_the_app_s_telemetry_a_cell_measures_nothing()
    {
        var (lab, cell, _) = Welcome("edit-me");
        using var timer = new CellRunTimer(null);

        timer.Start(lab.Id, cell);
        timer.Answered(Succeeded);
        timer.Rendering();
        timer.AfterRender();

        Assert.Empty(_recorded);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
