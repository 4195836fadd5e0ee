using System.Globalization;
using Bunit;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Layout;
using ImmersiveLab.Web.Components.Pages;
using MudBlazor;

namespace ImmersiveLab.Web.Tests.Components;

public sealed class NavigationTests
{
    [Fact]
    public async Task The_navigation_lists_every_lab_found_in_the_labs_folder_in_order()
    {
        await using var ctx = LabUiContext.Create(RepoPaths.Labs);
        var labs = ctx.Catalog().Labs;
        Assert.NotEmpty(labs);

        var nav = ctx.Render<LabNavMenu>();

        var links = nav.FindAll("[data-lab-id]");
        Assert.Equal(labs.Select(l => l.Id), links.Select(a => a.GetAttribute("data-lab-id")));
        foreach (var lab in labs)
            Assert.Contains(nav.FindAll("a"), a => a.GetAttribute("href") == $"/labs/{lab.Id}" && a.TextContent.Contains(lab.Title.Get("en")));
    }

    [Fact]
    public async Task A_new_lab_folder_shows_up_without_code_changes()
    {
        using var dir = new TempDirectory();
        var lab = Path.Combine(dir.Path, "07-extra-lab");
        Directory.CreateDirectory(lab);
        await File.WriteAllTextAsync(Path.Combine(lab, "lab.yaml"),
            "id: extra-lab\nminutes: 5\ntags: [test]\ntitle:\n  en: An extra lab\n  zh: 额外的实验\nsummary:\n  en: Added as a folder.\n  zh: 作为一个目录添加。\n");
        await File.WriteAllTextAsync(Path.Combine(lab, "en.md"), "Intro.\n\n## First step\n\nText.\n");
        await using var ctx = LabUiContext.Create(dir.Path);

        var nav = ctx.Render<LabNavMenu>();

        var link = Assert.Single(nav.FindAll("[data-lab-id]"));
        Assert.Equal("extra-lab", link.GetAttribute("data-lab-id"));
        Assert.Contains("An extra lab", link.TextContent);
    }

    [Fact]
    public async Task The_layout_renders_the_app_bar_drawer_and_language_switch()
    {
        await using var ctx = LabUiContext.Create(RepoPaths.Labs);

        var layout = ctx.Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddContent(0, "page body")));

        Assert.NotNull(layout.Find("[data-testid=lab-nav]"));
        Assert.NotNull(layout.Find("[data-testid=theme-toggle]"));
        Assert.Contains("page body", layout.Markup);
        Assert.Contains("ImmersiveLab", layout.Find(".app-title").TextContent);
    }

    [Fact]
    public async Task The_home_page_shows_a_card_per_lab_in_chinese_when_the_culture_is_chinese()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh");
        try
        {
            await using var ctx = LabUiContext.Create(RepoPaths.Labs);
            var home = ctx.Render<Home>();
            var cards = home.FindAll("[data-testid=lab-card]");
            Assert.Equal(ctx.Catalog().Labs.Count, cards.Count);
            Assert.Contains(ctx.Catalog().Labs[0].Title.Get("zh"), cards[0].TextContent);
            Assert.Contains("从哪里开始", home.Markup);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
