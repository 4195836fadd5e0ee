using System.Text.RegularExpressions;
using ImmersiveLab.Classroom;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ImmersiveLab.EndToEnd.Tests.ClassroomDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// The review's impersonation (finding F2), in real browsers: someone with the class code types a classmate's name in
/// another browser. They are told the name is taken and get nothing of the classmate's; with the classmate's resume
/// code (the classmate on a second computer) the same browser continues in the classmate's sandbox.
/// </summary>
[Collection(nameof(LabAppCollection))]
public sealed class ImpersonationJourneyTests(LabAppFixture app)
{
    private const string Lab = "welcome";

    [Fact]
    public async Task A_second_browser_with_a_classmates_name_gets_nothing_until_it_has_their_resume_code()
    {
        var code = await CreateClassAsync(app, "Impersonation", [Lab]);
        var cls = (await app.Services.GetRequiredService<ClassStore>().FindByCodeAsync(code, CancellationToken.None))!;
        var (_, linCode) = await JoinWithResumeCodeAsync(app, code, "Lin");

        // Something only Lin's sandbox holds.
        var lin = (await app.Services.GetRequiredService<LearnerDirectory>().FindByNameAsync("Lin", cls.Id, CancellationToken.None))!;
        var setup = await app.Services.GetRequiredService<SqlRunner>().RunAsync(lin,
            "CREATE TABLE lin_private (note text); INSERT INTO lin_private VALUES ('only Lin wrote this');", CancellationToken.None);
        Assert.True(setup.Error is null && setup.Statements.All(s => s.Error is null));

        // Another browser with the class code and Lin's name (and a zero-width space, the review's look-alike trick).
        var other = await app.NewPageAsync(remote: true);
        await other.GotoAsync("/join");
        await SubmitJoinAsync(other, code, "Lin\u200B", null);
        var error = other.GetByTestId("join-error");
        await Assertions.Expect(error).ToHaveAttributeAsync("data-refusal", "NameTaken", new() { Timeout = 30_000 });
        await Assertions.Expect(error).ToContainTextAsync("Lin");
        await Assertions.Expect(other.GetByTestId("ask-instructor")).ToBeVisibleAsync();
        // Not signed in as anybody: the lab sends it back to /join; the class still has one learner.
        await other.GotoAsync($"/labs/{Lab}");
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/join"));
        Assert.Equal(1, (await app.Services.GetRequiredService<ClassStore>().GetAsync(cls.Id, CancellationToken.None))!.LearnerCount);
        // A wrong code does not help either.
        await SubmitJoinAsync(other, code, "Lin", "ABCD-EFGH");
        await Assertions.Expect(other.GetByTestId("join-error")).ToHaveAttributeAsync("data-refusal", "WrongResumeCode", new() { Timeout = 30_000 });

        // With Lin's resume code this browser is Lin, in Lin's sandbox.
        await SubmitJoinAsync(other, code, "Lin", linCode.ToLowerInvariant());
        await Assertions.Expect(other.GetByTestId("classroom-chip")).ToContainTextAsync("Lin", new() { Timeout = 30_000 });
        var cellId = "edit-me";
        await other.GotoAsync($"/labs/{Lab}/{ImmersiveLab.BrowserSupport.LabCellDriver.StepOfCell(Lab, cellId)}");
        await LabCellDriver.TypeAndRunAsync(other, cellId, "SELECT note FROM lin_private");
        await Assertions.Expect(LabCellDriver.Cell(other, cellId).GetByTestId("cell-results")).ToContainTextAsync("only Lin wrote this", new() { Timeout = 60_000 });
        await app.ScreenshotAsync(other, "resumed-with-code.png");
    }
}
