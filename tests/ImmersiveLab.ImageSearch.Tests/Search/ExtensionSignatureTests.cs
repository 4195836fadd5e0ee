using Bunit;
using ImmersiveLab.ImageSearch.Components;
using ImmersiveLab.ImageSearch.Tests.Support;

namespace ImmersiveLab.ImageSearch.Tests.Search;

/// <summary>
/// The extension's signature beside the workbook's, on the lab's own server, which has no imgsmlr: only the absent path
/// is real here. With the extension the same calls would return its text; no server with it is available to test that.
/// </summary>
[Collection(nameof(ImageSearchCollection))]
public sealed class ExtensionSignatureTests(ImageSearchFixture fx)
{
    [Fact]
    public async Task Without_the_extension_in_the_sandbox_there_is_no_extension_signature_to_show()
    {
        var learner = await fx.NewLearnerAsync();
        Assert.False((bool)(await fx.RunOkAsync(learner, "SELECT lab.imgsmlr_available()")).Rows[0][0]!);

        Assert.Null(await fx.Search.ExtensionSignatureAsync(learner, 1, CancellationToken.None));

        await using var ctx = ComponentContext.Create(fx, learner);
        var steps = ctx.Render<ImageStepsBlock>(p => p.Add(c => c.Sample, "dahlia.jpg"));
        steps.WaitForAssertion(() => Assert.NotEmpty(steps.FindAll("[data-testid=step-pattern] img")), TimeSpan.FromSeconds(20));
        Assert.Empty(steps.FindAll("[data-testid=extension-signature]"));
    }

    [Fact]
    public async Task When_the_sandbox_cannot_answer_the_lookup_says_why_instead_of_claiming_no_extension()
    {
        var learner = await fx.NewLearnerAsync();
        await fx.Runner.RunAsync(learner, "BEGIN; SELECT 1/0;", CancellationToken.None);

        var answer = await fx.Search.ExtensionSignatureAsync(learner, 1, CancellationToken.None);

        Assert.NotNull(answer);
        Assert.Null(answer.Text);
        Assert.Contains("ROLLBACK", answer.Problem);
        await fx.RunOkAsync(learner, "ROLLBACK");
    }
}
