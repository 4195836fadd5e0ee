using Bunit;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Web.Tests.Workbook;
using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Tests.Editor;

/// <summary>The learner's light bulb: shows the browser's choice, stores a click there, and stays out of the way when it cannot.</summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class SqlAssistToggleTests(WorkbookUiFixture fixture)
{
    [Fact]
    public async Task It_shows_the_choice_the_browser_kept_and_a_click_stores_the_other()
    {
        await using var ctx = fixture.CreateContext(await fixture.NewLearnerAsync());
        var module = ctx.JSInterop.SetupModule(SqlAssistScript.ModulePath);
        module.Setup<bool>("isEnabled").SetResult(false);
        var store = module.Setup<bool>("setEnabled", true);
        store.SetResult(true);

        var toggle = ctx.Render<SqlAssistToggle>();
        var button = toggle.WaitForElement("[data-testid=sql-assist-toggle]");
        Assert.Equal("false", button.GetAttribute("data-on"));

        await button.ClickAsync(new());
        toggle.WaitForAssertion(() => Assert.Equal("true", toggle.Find("[data-testid=sql-assist-toggle]").GetAttribute("data-on")));
        Assert.Single(store.Invocations);
    }

    [Fact]
    public async Task A_choice_the_browser_could_not_store_is_not_shown_as_made()
    {
        await using var ctx = fixture.CreateContext(await fixture.NewLearnerAsync());
        var module = ctx.JSInterop.SetupModule(SqlAssistScript.ModulePath);
        module.Setup<bool>("isEnabled").SetResult(true);
        module.Setup<bool>("setEnabled", false).SetException(new JSException("localStorage is full"));

        var toggle = ctx.Render<SqlAssistToggle>();
        await toggle.WaitForElement("[data-testid=sql-assist-toggle]").ClickAsync(new());

        Assert.Equal("true", toggle.Find("[data-testid=sql-assist-toggle]").GetAttribute("data-on"));
    }

    [Fact]
    public async Task Without_an_answer_from_the_browser_there_is_no_switch_to_press()
    {
        await using var ctx = fixture.CreateContext(await fixture.NewLearnerAsync());
        ctx.JSInterop.SetupModule(SqlAssistScript.ModulePath).Setup<bool>("isEnabled").SetException(new JSDisconnectedException("gone"));

        var toggle = ctx.Render<SqlAssistToggle>();

        toggle.WaitForAssertion(() => Assert.Empty(toggle.FindAll("[data-testid=sql-assist-pending]")));
        Assert.Empty(toggle.FindAll("[data-testid=sql-assist-toggle]"));
    }

    [Fact]
    public async Task Until_the_browser_answers_a_disabled_button_holds_its_place()
    {
        await using var ctx = fixture.CreateContext(await fixture.NewLearnerAsync());
        var module = ctx.JSInterop.SetupModule(SqlAssistScript.ModulePath);
        var asked = module.Setup<bool>("isEnabled");

        var toggle = ctx.Render<SqlAssistToggle>();
        Assert.True(toggle.Find("[data-testid=sql-assist-pending]").HasAttribute("disabled"));
        Assert.Empty(toggle.FindAll("[data-testid=sql-assist-toggle]"));

        asked.SetResult(true);
        toggle.WaitForAssertion(() => Assert.Equal("true", toggle.Find("[data-testid=sql-assist-toggle]").GetAttribute("data-on")));
        Assert.Empty(toggle.FindAll("[data-testid=sql-assist-pending]"));
    }
}
