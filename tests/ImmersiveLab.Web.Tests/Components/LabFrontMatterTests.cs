using System.Globalization;
using Bunit;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Pages;

namespace ImmersiveLab.Web.Tests.Components;

/// <summary>Objectives, prerequisites and duration from lab.yaml: at the top of the lab and on the lab list, in the UI language.</summary>
public sealed class LabFrontMatterTests
{
    [Fact]
    public async Task The_lab_opens_with_its_duration_objectives_and_linked_prerequisite_labs()
    {
        await using var ctx = LabUiContext.Create(RepoPaths.Labs);
        var lab = ctx.Catalog().Find("similar-images")!;

        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, lab.Id));

        var front = page.Find("[data-testid=lab-front-matter]");
        Assert.Contains($"{lab.Minutes} min", front.QuerySelector("[data-testid=lab-duration]")!.TextContent);
        Assert.Equal(lab.Objectives.Get("en"), front.QuerySelectorAll("[data-testid=lab-objectives] li").Select(li => li.TextContent.Trim()));
        var links = front.QuerySelectorAll("[data-testid=lab-prerequisites] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(lab.Prerequisites.Labs.Select(id => $"/labs/{id}"), links);
        Assert.NotEmpty(links);
    }

    [Fact]
    public async Task A_step_page_does_not_repeat_the_front_matter()
    {
        await using var ctx = LabUiContext.Create(RepoPaths.Labs);
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, "welcome").Add(x => x.StepNumber, 1));
        Assert.Empty(page.FindAll("[data-testid=lab-front-matter]"));
    }

    [Fact]
    public async Task In_chinese_the_front_matter_and_its_labels_are_chinese()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh");
        try
        {
            await using var ctx = LabUiContext.Create(RepoPaths.Labs);
            var lab = ctx.Catalog().Find("large-objects")!;
            var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, lab.Id));

            var front = page.Find("[data-testid=lab-front-matter]");
            Assert.Contains("时长", front.TextContent);
            Assert.Contains("学完本实验，你能够", front.TextContent);
            Assert.Contains("开始之前", front.TextContent);
            Assert.Equal(lab.Objectives.Get("zh"), front.QuerySelectorAll("[data-testid=lab-objectives] li").Select(li => li.TextContent.Trim()));
            Assert.Contains("实验 00：欢迎使用实验手册", front.QuerySelector("[data-testid=lab-prerequisites]")!.TextContent);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Every_card_of_the_lab_list_shows_the_labs_objectives()
    {
        await using var ctx = LabUiContext.Create(RepoPaths.Labs);
        var home = ctx.Render<Home>();

        var cards = home.FindAll("[data-testid=lab-card]");
        Assert.Equal(ctx.Catalog().Labs.Count, cards.Count);
        foreach (var (card, lab) in cards.Zip(ctx.Catalog().Labs))
        {
            Assert.Equal(lab.Objectives.Get("en"), card.QuerySelectorAll("[data-testid=lab-objectives] li").Select(li => li.TextContent.Trim()));
        }
    }
}
