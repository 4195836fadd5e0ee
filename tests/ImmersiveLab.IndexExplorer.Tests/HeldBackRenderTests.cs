using Bunit;
using ImmersiveLab.IndexExplorer.Components;
using ImmersiveLab.IndexExplorer.Tests.Support;
using ImmersiveLab.IndexExplorer.Workspace;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ImmersiveLab.IndexExplorer.Tests;

/// <summary>
/// A render asked for while an earlier one is still queued is folded into it (Blazor's StateHasChanged does nothing
/// while a render is pending). On a busy circuit renders wait for the browser's acknowledgements, so this happens
/// during every sweep: what the queued render shows must be read when it runs, not when it was asked for.
/// </summary>
[Collection(nameof(ExplorerCollection))]
public sealed class HeldBackRenderTests(ExplorerFixture fx)
{
    [Fact]
    public async Task A_statement_recorded_while_the_transcript_render_is_queued_is_shown_by_that_render()
    {
        await using var ctx = ExplorerUiContext.Create();
        using var workspace = fx.Get<ExplorerWorkspace>();
        workspace.Transcript.Record("sweep", "SET LOCAL hnsw.ef_search = 10;");

        var host = ctx.Render<QueuedRenderHost>(p => p.Add(h => h.Workspace, workspace).Add(h => h.Round, 0));
        Assert.Contains("hnsw.ef_search = 10", host.Markup);

        // The host's render queues the transcript's (parameters set), then the sibling records the next statement and
        // asks the transcript to render again, which is folded into the queued render.
        host.Render(p => p.Add(h => h.Round, 1));

        Assert.Contains("SET LOCAL hnsw.ef_search = 40;", host.Find("[data-testid=sql-transcript]").TextContent);
        Assert.Equal(2, host.FindAll("[data-testid=transcript-entry]").Count);
    }

    /// <summary>The transcript, then a sibling that records a statement while the same render batch is running.</summary>
    private sealed class QueuedRenderHost : ComponentBase
    {
        [Parameter] public ExplorerWorkspace Workspace { get; set; } = default!;
        [Parameter] public int Round { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<SqlTranscriptView>(0);
            builder.AddComponentParameter(1, nameof(SqlTranscriptView.Workspace), Workspace);
            builder.CloseComponent();
            builder.OpenComponent<RecordingSibling>(2);
            builder.AddComponentParameter(3, nameof(RecordingSibling.Workspace), Workspace);
            builder.AddComponentParameter(4, nameof(RecordingSibling.Round), Round);
            builder.CloseComponent();
        }
    }

    private sealed class RecordingSibling : ComponentBase
    {
        [Parameter] public ExplorerWorkspace Workspace { get; set; } = default!;
        [Parameter] public int Round { get; set; }

        protected override void OnParametersSet()
        {
            if (Round == 0) return;
            Workspace.Transcript.Record("sweep", "SET LOCAL hnsw.ef_search = 40;");
            Workspace.DismissMessages(); // the workspace's Changed, as the end of an operation raises it
        }
    }
}
