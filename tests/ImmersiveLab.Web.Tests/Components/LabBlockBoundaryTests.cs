using Bunit;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Workbook;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ImmersiveLab.Web.Tests.Components;

/// <summary>A lab block that fails (rendering, after rendering, in an event) fails alone: the page and its other blocks go on.</summary>
public sealed class LabBlockBoundaryTests
{
    [Theory]
    [InlineData(FailingBlock.When.Rendering)]
    [InlineData(FailingBlock.When.AfterRendering)]
    [InlineData(FailingBlock.When.Clicked)]
    public async Task A_failing_block_shows_its_error_in_place_and_its_neighbour_keeps_working(FailingBlock.When when)
    {
        await using var ctx = LabUiContext.Create(RepoPaths.Labs);
        FailingBlock.Failures = 0;
        var page = ctx.Render<TwoBlocks>(p => p.Add(x => x.When, when));
        if (when == FailingBlock.When.Clicked) page.Find("#fail").Click();

        page.WaitForAssertion(() => Assert.Contains("block one broke", page.Find("[data-block-id=one][data-testid=block-failed]").TextContent));
        page.Find("#neighbour").Click();
        Assert.Equal("clicked 1", page.Find("#neighbour").TextContent);

        FailingBlock.Healed = true;
        page.Find("[data-testid=block-retry]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=block-failed]")));
        Assert.NotNull(page.Find("#fail"));
        FailingBlock.Healed = false;
    }

    /// <summary>A page of two blocks, each in its boundary as LabStepView renders them.</summary>
    public sealed class TwoBlocks : ComponentBase
    {
        [Parameter] public FailingBlock.When When { get; set; }
        private int _clicks;

        protected override void BuildRenderTree(RenderTreeBuilder b)
        {
            b.OpenComponent<LabBlockBoundary>(0);
            b.AddAttribute(1, nameof(LabBlockBoundary.BlockId), "one");
            b.AddAttribute(2, nameof(LabBlockBoundary.ChildContent), (RenderFragment)(c =>
            {
                c.OpenComponent<FailingBlock>(0);
                c.AddAttribute(1, nameof(FailingBlock.Fail), When);
                c.CloseComponent();
            }));
            b.CloseComponent();
            b.OpenComponent<LabBlockBoundary>(3);
            b.AddAttribute(4, nameof(LabBlockBoundary.BlockId), "two");
            b.AddAttribute(5, nameof(LabBlockBoundary.ChildContent), (RenderFragment)(c =>
            {
                c.OpenElement(0, "button");
                c.AddAttribute(1, "id", "neighbour");
                c.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => _clicks++));
                c.AddContent(3, $"clicked {_clicks}");
                c.CloseElement();
            }));
            b.CloseComponent();
        }
    }

    public sealed class FailingBlock : ComponentBase
    {
        public enum When { Rendering, AfterRendering, Clicked }

        public static int Failures;
        public static bool Healed;

        [Parameter] public When Fail { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder b)
        {
            if (Fail == When.Rendering && !Healed) Throw();
            b.OpenElement(0, "button");
            b.AddAttribute(1, "id", "fail");
            b.AddAttribute(2, "onclick", EventCallback.Factory.Create(this, () => { if (Fail == When.Clicked) Throw(); }));
            b.AddContent(3, "block one");
            b.CloseElement();
        }

        protected override Task OnAfterRenderAsync(bool firstRender)
        {
            if (Fail == When.AfterRendering && !Healed) Throw();
            return Task.CompletedTask;
        }

        private static void Throw()
        {
            Failures++;
            throw new InvalidOperationException("block one broke");
        }
    }
}
