using Bunit;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Workbook;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Tests.Editor;

/// <summary>
/// The editor's lifecycle against the interleavings a busy class produces: disposed while its JS editor is still
/// being created, called before it exists or after the page is gone, a script that fails. None may throw out of the
/// component (that would end the learner's circuit).
/// </summary>
public sealed class SqlCellEditorLifecycleTests
{
    private static (BunitContext Ctx, EditorBrowser Create) NewContext()
    {
        var browser = new EditorBrowser();
        var ctx = LabUiContext.Create(RepoPaths.Labs, services => services.AddSingleton<IJSRuntime>(browser));
        return (ctx, browser);
    }

    private static IRenderedComponent<SqlCellEditor> Render(BunitContext ctx, Action<ComponentParameterCollectionBuilder<SqlCellEditor>>? more = null) =>
        ctx.Render<SqlCellEditor>(p =>
        {
            p.Add(x => x.CellId, "c1").Add(x => x.InitialValue, "SELECT 1;").Add(x => x.DraftKey, "learner:lab/c1");
            more?.Invoke(p);
        });

    [Fact]
    public async Task An_editor_closed_while_its_JS_editor_is_being_created_disposes_that_editor_when_it_arrives()
    {
        var (ctx, create) = NewContext();
        await using var _ = ctx;
        var editor = Render(ctx);
        Assert.Equal("starting", editor.Instance.State);

        await editor.InvokeAsync(() => editor.Instance.DisposeAsync().AsTask());
        var handle = new RecordingJsObject();
        await editor.InvokeAsync(() => create.Created(handle));

        editor.WaitForAssertion(() => Assert.True(handle.Released));
        Assert.Equal(["dispose"], handle.Methods);
        Assert.Equal("disposed", editor.Instance.State);
    }

    [Fact]
    public async Task Text_and_focus_given_before_the_editor_exists_are_applied_once_it_does()
    {
        var (ctx, create) = NewContext();
        await using var _ = ctx;
        var editor = Render(ctx);
        var options = create.CreateCalls.Single()[1] as SqlEditorOptions;
        Assert.Equal(new SqlEditorOptions("SELECT 1;", false, false, null, "learner:lab/c1"), options);

        await editor.InvokeAsync(() => editor.Instance.SetValueAsync("SELECT 2;"));
        await editor.InvokeAsync(() => editor.Instance.FocusAsync());
        await editor.InvokeAsync(() => editor.Instance.ShowErrorAsync(1, 8, "dropped: nothing to mark yet"));
        Assert.Equal("SELECT 2;", await editor.InvokeAsync(() => editor.Instance.GetValueAsync()));
        var handle = new RecordingJsObject();
        await editor.InvokeAsync(() => create.Created(handle));

        editor.WaitForAssertion(() => Assert.Equal("ready", editor.Instance.State));
        Assert.Equal(["setValue", "focus"], handle.Methods);
        Assert.Equal("SELECT 2;", handle.Calls[0].Args[0]);
    }

    [Fact]
    public async Task Calls_after_the_page_is_gone_are_dropped_without_an_exception()
    {
        var (ctx, create) = NewContext();
        await using var _ = ctx;
        var editor = Render(ctx);
        var gone = new RecordingJsObject(new JSDisconnectedException("the circuit is gone"));
        await editor.InvokeAsync(() => create.Created(gone));
        editor.WaitForAssertion(() => Assert.Equal("ready", editor.Instance.State));

        await editor.InvokeAsync(async () =>
        {
            await editor.Instance.ShowErrorAsync(1, 3, "x");
            await editor.Instance.ClearErrorAsync();
            await editor.Instance.SetValueAsync("SELECT 3;");
            await editor.Instance.FocusAsync();
            await editor.Instance.MarkSavedAsync("SELECT 3;");
            Assert.Equal("SELECT 3;", await editor.Instance.GetValueAsync());
            await editor.Instance.DisposeAsync();
        });

        Assert.Contains("dispose", gone.Methods);
        Assert.Equal("disposed", editor.Instance.State);
    }

    [Fact]
    public async Task Text_typed_but_not_yet_reported_is_saved_when_the_editor_closes()
    {
        var (ctx, create) = NewContext();
        await using var _ = ctx;
        var saved = new List<string>();
        var editor = Render(ctx, p => p.Add(x => x.OnChanged, text => saved.Add(text)));
        var handle = new RecordingJsObject { Unreported = "SELECT 'typed just now';" };
        await editor.InvokeAsync(() => create.Created(handle));
        editor.WaitForAssertion(() => Assert.Equal("ready", editor.Instance.State));

        await editor.InvokeAsync(() => editor.Instance.DisposeAsync().AsTask());

        Assert.Equal(["SELECT 'typed just now';"], saved);
        Assert.True(handle.Released);
    }

    [Fact]
    public async Task A_script_that_cannot_start_leaves_a_plain_text_box_that_still_edits_and_runs()
    {
        var (ctx, create) = NewContext();
        await using var _ = ctx;
        var saved = new List<string>();
        var editor = Render(ctx, p => p.Add(x => x.OnChanged, text => saved.Add(text)));

        await editor.InvokeAsync(() => create.CreationFailed(new JSException("monaco failed to load")));

        editor.WaitForElement("[data-testid=sql-editor-failed]");
        var box = editor.Find("[data-testid=sql-fallback]");
        Assert.Equal("SELECT 1;", box.GetAttribute("value"));
        await box.InputAsync(new ChangeEventArgs { Value = "SELECT 42;" });
        Assert.Equal("SELECT 42;", await editor.InvokeAsync(() => editor.Instance.GetValueAsync()));
        await editor.Find("[data-testid=sql-fallback]").ChangeAsync(new ChangeEventArgs { Value = "SELECT 42;" });
        Assert.Equal(["SELECT 42;"], saved);
        Assert.Equal("failed", editor.Instance.State);
    }

    [Fact]
    public async Task Keys_from_the_editor_run_the_cell_with_the_text_at_that_moment()
    {
        var (ctx, create) = NewContext();
        await using var _ = ctx;
        var runs = 0;
        var nexts = 0;
        var cancels = 0;
        var editor = Render(ctx, p => p.Add(x => x.OnRun, () => runs++).Add(x => x.OnRunAndNext, () => nexts++).Add(x => x.OnEscape, () => cancels++));
        await editor.InvokeAsync(() => create.Created(new RecordingJsObject()));

        await editor.InvokeAsync(() => editor.Instance.OnKey("run", "SELECT 'now';"));
        await editor.InvokeAsync(() => editor.Instance.OnKey("run-next", "SELECT 'now';"));
        await editor.InvokeAsync(() => editor.Instance.OnKey("cancel", "SELECT 'now';"));
        await editor.InvokeAsync(() => editor.Instance.OnKey("unknown", "SELECT 'now';"));

        editor.WaitForAssertion(() => Assert.Equal((1, 1, 1), (runs, nexts, cancels)));
        Assert.Equal("SELECT 'now';", await editor.Instance.GetValueAsync());
    }

    [Fact]
    public async Task A_handler_that_fails_is_shown_by_the_cells_error_boundary_and_the_page_goes_on()
    {
        var (ctx, create) = NewContext();
        await using var _ = ctx;
        var boundary = ctx.Render<LabBlockBoundary>(p => p
            .Add(x => x.BlockId, "c1")
            .AddChildContent<SqlCellEditor>(e => e
                .Add(x => x.CellId, "c1").Add(x => x.InitialValue, "SELECT 1;")
                .Add(x => x.OnRun, () => throw new InvalidOperationException("the run handler broke"))));
        await boundary.InvokeAsync(() => create.Created(new RecordingJsObject()));
        var editor = boundary.FindComponent<SqlCellEditor>();

        await boundary.InvokeAsync(() => editor.Instance.OnKey("run", "SELECT 1;"));

        boundary.WaitForAssertion(() => Assert.Contains("the run handler broke", boundary.Find("[data-testid=block-failed]").TextContent));
        boundary.Find("[data-testid=block-retry]").Click();
        boundary.WaitForElement("[data-testid=sql-editor]");
    }
}
