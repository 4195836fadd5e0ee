using System.Net;
using ImmersiveLab.Labs;

namespace ImmersiveLab.Web.Tests.Classroom;

/// <summary>
/// Over the running app: the instructor's page of a step carries its instructor notes; a class learner's page of the
/// same step, and the lab's files behind the asset URL, carry none of it.
/// </summary>
[Collection(nameof(LabWebCollection))]
public sealed class InstructorNotesWebTests(LabWebFixture app)
{
    // A phrase of the notes of lab 0, step 1 (labs/00-welcome/en.md), that appears nowhere else.
    private const string NotesPhrase = "has a sign-in problem";

    [Fact]
    public void The_repository_lab_has_the_notes_this_test_looks_for()
    {
        var note = app.Get<ILabCatalog>().Find("welcome")!.Document("en").Step(1)!.InstructorNote;
        Assert.NotNull(note);
        Assert.Contains(NotesPhrase, note.Html);
    }

    [Fact]
    public async Task A_learners_page_holds_no_instructor_notes_and_the_instructors_does()
    {
        var learner = app.Browser();
        var cls = await app.NewClassAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SsrForm.JoinAsync(learner, cls.Code, "Lin")).StatusCode);
        var instructor = await InstructorBrowser.SignInAsync(app, app.Browser());

        foreach (var path in new[] { "/labs/welcome/1", "/labs/welcome" })
        {
            var learnerPage = await learner.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, learnerPage.StatusCode);
            var learnerHtml = await learnerPage.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"lab-title\"", learnerHtml); // the learner does see the lab
            Assert.DoesNotContain("instructor-notes", learnerHtml);
            Assert.DoesNotContain(NotesPhrase, learnerHtml);
            Assert.DoesNotContain("Timing plan", learnerHtml);

            var instructorHtml = await (await instructor.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"instructor-notes\"", instructorHtml);
        }

        Assert.Contains(NotesPhrase, await (await instructor.GetAsync("/labs/welcome/1")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/labs/welcome/assets/en.md")]
    [InlineData("/labs/welcome/assets/zh.md")]
    [InlineData("/labs/welcome/assets/lab.yaml")]
    [InlineData("/labs/welcome/assets/..%2Fen.md")]
    [InlineData("/labs/welcome/assets/images/..%2Fen.md")]
    public async Task The_lab_files_that_hold_the_notes_cannot_be_fetched(string path)
    {
        var learner = app.Browser();
        var cls = await app.NewClassAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SsrForm.JoinAsync(learner, cls.Code, "Mei")).StatusCode);

        var response = await learner.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(NotesPhrase, await response.Content.ReadAsStringAsync());
    }
}
