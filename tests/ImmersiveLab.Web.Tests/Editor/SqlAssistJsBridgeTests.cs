using System.Text.Json;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.SqlAssist;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Web.Tests.Workbook;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImmersiveLab.Web.Tests.Editor;

/// <summary>The server side of the editor bridge: what the JavaScript calls, and the JSON it gets (Blazor's web defaults).</summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class SqlAssistJsBridgeTests(WorkbookUiFixture fixture)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private SqlAssistJsBridge Bridge(ILearnerContext learner, string language = "en") =>
        new(fixture.Get<SqlAssistService>(), learner, () => language, NullLogger<SqlAssistJsBridge>.Instance);

    [Fact]
    public async Task Completion_reaches_the_editor_as_camel_case_JSON_with_kinds_as_names()
    {
        var learner = await fixture.NewLearnerAsync();
        var setup = await fixture.Get<SqlRunner>().RunAsync(learner, "CREATE TABLE img_raw (id int PRIMARY KEY, name text)", CancellationToken.None);
        Assert.True(setup.Succeeded);
        var bridge = Bridge(new FixedLearner(learner));
        Assert.True(bridge.IsEnabled());
        // The catalog is read in the background after the DDL: ask until it is fresh (with a deadline, not a fixed wait).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var list = await bridge.Complete("SELECT * FROM i", 15);
        while (!(list.Catalog == CatalogFreshness.Fresh && list.Items.Any(i => i.Label == "img_raw")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            list = await bridge.Complete("SELECT * FROM i", 15);
        }
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(list, Web));
        var root = json.RootElement;
        Assert.Equal(14, root.GetProperty("replaceStart").GetInt32());
        Assert.Equal(15, root.GetProperty("replaceEnd").GetInt32());
        Assert.False(root.GetProperty("isIncomplete").GetBoolean());
        Assert.Equal("Fresh", root.GetProperty("catalog").GetString());
        var first = root.GetProperty("items")[0];
        Assert.Equal("img_raw", first.GetProperty("label").GetString());
        Assert.Equal("Table", first.GetProperty("kind").GetString());
        foreach (var name in new[] { "insertText", "detail", "documentation", "insertAsSnippet", "sortText", "filterText", "triggersSignatureHelp", "triggersSuggest" })
            Assert.True(first.TryGetProperty(name, out _), name);
    }

    [Fact]
    public async Task Hover_and_signature_help_answer_for_the_circuits_learner_in_the_circuits_language()
    {
        var learner = await fixture.NewLearnerAsync();
        var bridge = Bridge(new FixedLearner(learner), "zh");
        var hover = await bridge.Hover("SET hnsw.ef_search = 10", 6);
        Assert.Contains("候选列表", hover!.Markdown);
        var help = await bridge.SignatureHelp("SELECT l2_distance(v, ", 22);
        Assert.Equal(1, help!.ActiveParameter);
    }

    [Fact]
    public async Task A_failing_call_answers_with_nothing_instead_of_an_error()
    {
        var bridge = Bridge(new NoLearner());
        Assert.Empty((await bridge.Complete("SELECT * FROM ", 14)).Items);
        Assert.Null(await bridge.Hover("SELECT * FROM img_raw", 16));
        Assert.Null(await bridge.SignatureHelp("SELECT l2_distance(", 19));
    }
}
