using System.Diagnostics;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Telemetry;
using ImmersiveLab.Workbook.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Workbook.Tests;

/// <summary>
/// A Run as a trace, exported with OpenTelemetry's in-memory exporter: one trace from the Run event to its render, with
/// the admission, the session's connection (and the sandbox made on the first Run), each statement with Npgsql's own
/// spans inside, and the exercise's check.
/// </summary>
[Collection(nameof(WorkbookCollection))]
public sealed class RunTraceTests(WorkbookServerFixture fixture)
{
    /// <summary>Keeps only traces that start with a Run: other tests' statements in this process are not exported.</summary>
    private sealed class RunsOnly : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
            new(parameters.Name == WorkbookTelemetry.RunSpan ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);
    }

    [Fact]
    public async Task A_Run_is_one_trace_from_the_event_to_the_render_with_its_parts()
    {
        var exported = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder()
                   .SetSampler(new ParentBasedSampler(new RunsOnly()))
                   .AddSource(WorkbookTelemetry.ActivitySourceName, SandboxTelemetry.ActivitySourceName, "Npgsql")
                   .AddInMemoryExporter(exported)
                   .Build())
        {
            var learner = await fixture.NewLearnerAsync();
            await using var scope = fixture.Services.CreateAsyncScope();
            var session = ActivatorUtilities.CreateInstance<WorkbookSession>(scope.ServiceProvider, new FixedLearner(learner));
            var welcome = fixture.Get<ILabCatalog>().Find("welcome")!;
            var notes = welcome.Document("en").FindCell("notes")!;

            var measurement = fixture.Get<RunTelemetry>().Start(welcome.Id, notes);
            var run = await session.RunCellAsync(welcome.Id, notes,
                "CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, 'a'), (2, 'b'), (3, 'c');", CancellationToken.None);
            measurement.Answered(run.Result);
            measurement.AnswerRendered();
            measurement.Acknowledged();
            Assert.True(run.Check?.Passed);
            tracing.ForceFlush();
        }

        List<Activity> spans;
        lock (exported) spans = exported.ToList();
        var root = Assert.Single(spans, s => s.OperationName == WorkbookTelemetry.RunSpan);
        Assert.Equal(default, root.ParentSpanId);
        var trace = spans.Where(s => s.TraceId == root.TraceId).ToList();
        Assert.Equal(trace.Count, spans.Count); // nothing else was exported
        Assert.Equal("welcome", root.GetTagItem(WorkbookTelemetry.LabTag));
        Assert.Equal("exercise", root.GetTagItem(WorkbookTelemetry.CellKindTag));
        Assert.Equal(RunMeasurement.Ok, root.GetTagItem(WorkbookTelemetry.OutcomeTag));

        IEnumerable<Activity> ChildrenOf(Activity parent, string name) =>
            trace.Where(s => s.ParentSpanId == parent.SpanId && s.OperationName == name);

        // The learner's cell: a slot, the session (the sandbox made on this first Run), two statements.
        var admission = Assert.Single(ChildrenOf(root, SandboxTelemetry.AdmissionSpan));
        Assert.Equal(SandboxMetrics.Outcomes.Admitted, admission.GetTagItem(SandboxTelemetry.OutcomeTag));
        var connect = Assert.Single(ChildrenOf(root, SandboxTelemetry.ConnectSpan));
        Assert.Single(ChildrenOf(connect, SandboxTelemetry.SandboxCreateSpan));
        var statements = ChildrenOf(root, SandboxTelemetry.StatementSpan).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(["CREATE", "INSERT"], statements.Select(s => (string)s.GetTagItem(SandboxTelemetry.CommandTag)!));
        Assert.Equal(3L, statements[1].GetTagItem(SandboxTelemetry.RowsTag));
        foreach (var statement in statements)
            Assert.Contains(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == statement.SpanId);

        // The check runs its own statement in the learner's session, inside the Run's trace.
        var check = Assert.Single(ChildrenOf(root, WorkbookTelemetry.CheckSpan));
        Assert.Equal("passed", check.GetTagItem(WorkbookTelemetry.OutcomeTag));
        Assert.Contains(trace, s => s.OperationName == SandboxTelemetry.StatementSpan && s.ParentSpanId == check.SpanId);

        // The render ends the Run; every span lies within it but the render's own end.
        var render = Assert.Single(ChildrenOf(root, WorkbookTelemetry.RenderSpan));
        Assert.True(render.StartTimeUtc >= check.StartTimeUtc + check.Duration);
        Assert.Contains(render.Events, e => e.Name == "immersivelab.run.answer_sent");
        Assert.All(trace, s => Assert.True(s.StartTimeUtc >= root.StartTimeUtc));
    }
}
