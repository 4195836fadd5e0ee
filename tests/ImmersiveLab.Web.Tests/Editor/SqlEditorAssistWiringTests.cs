using Bunit;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.SqlAssist.Completion;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Web.Tests.Components;
using ImmersiveLab.Web.Tests.Workbook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Tests.Editor;

/// <summary>
/// The editor's bridge to the SQL assist as a circuit wires it: every editor of the page is created with the circuit's
/// one bridge, which answers from that learner's own sandbox (tables made a moment ago included) in their language.
/// </summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class SqlEditorAssistWiringTests(WorkbookUiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static IRenderedComponent<SqlCellEditor> RenderEditor(BunitContext ctx, string cellId, bool readOnly = false) =>
        ctx.Render<SqlCellEditor>(p => p.Add(x => x.CellId, cellId).Add(x => x.InitialValue, "SELECT 1;").Add(x => x.ReadOnly, readOnly));

    [Fact]
    public async Task Every_editor_of_a_circuit_is_created_with_its_bridge_which_completes_from_the_learners_own_tables()
    {
        var learner = await fixture.NewLearnerAsync();
        var browser = new EditorBrowser();
        var ctx = fixture.CreateContext(learner);
        ctx.Services.AddSingleton<IJSRuntime>(browser);
        RenderEditor(ctx, "a");
        var other = RenderEditor(ctx, "b", readOnly: true); // hover help in a read-only cell too
        other.WaitForAssertion(() => Assert.Equal(2, browser.CreateCalls.Count), Patience);
        var reference = Assert.IsType<DotNetObjectReference<SqlAssistJsBridge>>(browser.CreateCalls[0][3]);
        Assert.Same(reference, browser.CreateCalls[1][3]);
        var bridge = reference.Value;
        Assert.True(bridge.IsEnabled());

        var created = await fixture.Get<SqlRunner>().RunAsync(learner, "CREATE TABLE img_raw (id int PRIMARY KEY, name text, data bytea);", CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        // The runner tells the catalog about the learner's DDL; the first answer may come before it is read again.
        var tables = await CompleteUntilAsync(bridge, "SELECT * FROM i", "img_raw");
        Assert.Equal(CompletionItemKind.Table, tables.Items.First(i => i.Label == "img_raw").Kind);
        Assert.Equal("SELECT * FROM ".Length, tables.ReplaceStart);

        var columns = await bridge.Complete("SELECT r. FROM img_raw r", "SELECT r.".Length);
        Assert.Equal(["data", "id", "name"], columns.Items.Where(i => i.Kind == CompletionItemKind.Column).Select(i => i.Label).Order());

        var hover = await bridge.Hover("SELECT id FROM img_raw ORDER BY '[1,2]'::vector <=> '[2,1]'", "SELECT id FROM img_raw ORDER BY '[1,2]'::vector <".Length);
        Assert.Contains("Cosine distance", hover!.Markdown);
        var signature = await bridge.SignatureHelp("SELECT l2_distance(", "SELECT l2_distance(".Length);
        Assert.Contains(signature!.Signatures, s => s.Label == "l2_distance(vector, vector) → double precision");

        await ctx.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => reference.Value); // the circuit's end releases the bridge
    }

    [Fact]
    public async Task The_bridge_answers_in_the_circuits_language()
    {
        var learner = await fixture.NewLearnerAsync();
        await WorkbookUiFixture.InLanguageAsync("zh", async () =>
        {
            var browser = new EditorBrowser();
            await using var ctx = fixture.CreateContext(learner);
            ctx.Services.AddSingleton<IJSRuntime>(browser);
            var editor = RenderEditor(ctx, "a");
            editor.WaitForAssertion(() => Assert.Single(browser.CreateCalls), Patience);
            var bridge = Assert.IsType<DotNetObjectReference<SqlAssistJsBridge>>(browser.CreateCalls[0][3]).Value;
            var hover = await bridge.Hover("SELECT x <=> y", "SELECT x <".Length);
            Assert.Contains("余弦距离", hover!.Markdown);
        });
    }

    [Fact]
    public async Task With_the_assist_turned_off_on_the_server_editors_get_no_bridge()
    {
        var browser = new EditorBrowser();
        await using var ctx = LabUiContext.Create(RepoPaths.Labs, services =>
        {
            services.AddSingleton<IJSRuntime>(browser);
            services.AddScoped(_ => DisabledBridge());
        });
        var editor = RenderEditor(ctx, "a");

        editor.WaitForAssertion(() => Assert.Single(browser.CreateCalls), Patience);
        Assert.Null(browser.CreateCalls[0][3]);
        Assert.False(ctx.Services.GetRequiredService<SqlEditorAssist>().IsAvailable);
    }

    [Fact]
    public async Task A_host_without_the_assist_creates_editors_without_a_bridge()
    {
        var browser = new EditorBrowser();
        await using var ctx = LabUiContext.Create(RepoPaths.Labs, services => services.AddSingleton<IJSRuntime>(browser));
        var editor = RenderEditor(ctx, "a");

        editor.WaitForAssertion(() => Assert.Single(browser.CreateCalls), Patience);
        Assert.Equal(4, browser.CreateCalls[0].Length);
        Assert.Null(browser.CreateCalls[0][3]);
    }

    private SqlAssistJsBridge DisabledBridge()
    {
        var service = new ImmersiveLab.SqlAssist.SqlAssistService(null!, null!, null!, null!,
            Microsoft.Extensions.Options.Options.Create(new ImmersiveLab.SqlAssist.SqlAssistOptions { Enabled = false }));
        return new SqlAssistJsBridge(service, new NoLearner(), () => "en",
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqlAssistJsBridge>.Instance);
    }

    private static async Task<CompletionList> CompleteUntilAsync(SqlAssistJsBridge bridge, string text, string label)
    {
        var list = await bridge.Complete(text, text.Length);
        for (var i = 0; i < 100 && list.Items.All(item => item.Label != label); i++)
        {
            await Task.Delay(100);
            list = await bridge.Complete(text, text.Length);
        }
        Assert.Contains(list.Items, item => item.Label == label);
        return list;
    }
}
