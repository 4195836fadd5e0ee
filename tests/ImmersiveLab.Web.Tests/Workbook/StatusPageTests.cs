using Bunit;
using ImmersiveLab.Web.Components.Pages;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>The status page tells whether the server has the imgsmlr extension (the test server has not).</summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class StatusPageTests(WorkbookUiFixture fixture)
{
    [Theory]
    [InlineData("en", "not on this server")]
    [InlineData("zh", "此服务器上没有")]
    public async Task The_status_page_says_the_server_has_no_imgsmlr(string language, string expected)
    {
        Assert.Null(fixture.Server.Status!.ImgsmlrVersion);
        await WorkbookUiFixture.InLanguageAsync(language, async () =>
        {
            await using var ctx = fixture.CreateContext(await fixture.NewLearnerAsync());
            var page = ctx.Render<Status>();
            page.WaitForAssertion(() => Assert.Contains(expected, page.Find("[data-testid=imgsmlr-status]").TextContent), TimeSpan.FromSeconds(20));
            Assert.NotEmpty(page.Find("[data-testid=pgvector-version]").TextContent.Trim());
        });
    }
}
