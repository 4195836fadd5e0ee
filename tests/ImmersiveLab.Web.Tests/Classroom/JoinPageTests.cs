using System.Net;
using ImmersiveLab.Classroom;

namespace ImmersiveLab.Web.Tests.Classroom;

/// <summary>Joining over HTTP as browsers do: a name already taken needs its resume code (or the instructor).</summary>
[Collection(nameof(LabWebCollection))]
public sealed class JoinPageTests(LabWebFixture app)
{
    private static async Task<string> PageAsync(HttpClient browser, string path) => await (await browser.GetAsync(path)).Content.ReadAsStringAsync();

    [Fact]
    public async Task A_first_join_shows_the_resume_code_once_and_a_taken_name_without_it_gets_nothing()
    {
        var cls = await app.NewClassAsync();
        var lin = app.Browser();
        var joined = await SsrForm.JoinAsync(lin, cls.Code.ToLowerInvariant(), "Lin");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.StartsWith("/welcome?next=", SsrForm.Location(joined));
        var code = SsrForm.TestIdText(await PageAsync(lin, "/join"), "resume-code");
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);

        // Another browser, same code and name: told the name is taken, and not signed in as anybody.
        var impostor = app.Browser();
        var refused = await SsrForm.JoinAsync(impostor, cls.Code, "Lin");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal("NameTaken", SsrForm.TestIdAttribute(html, "join-error", "data-refusal"));
        Assert.Contains("already uses the name", html);
        Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("imlab.auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await impostor.GetAsync("/")).StatusCode); // still sent to /join
        Assert.NotNull(SsrForm.TestIdAttribute(html, "ask-instructor-form", "method"));

        // With the code, that browser is Lin: straight to the class, no welcome page.
        var resumed = await SsrForm.JoinAsync(impostor, cls.Code, "Lin", code);
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.DoesNotContain("/welcome", SsrForm.Location(resumed));
        var again = await PageAsync(impostor, "/join");
        Assert.Contains("Lin", SsrForm.TestIdText(again, "join-current"));
        Assert.Equal(code, SsrForm.TestIdText(again, "resume-code"));
    }

    [Fact]
    public async Task A_stranger_gets_the_same_answer_for_a_wrong_code_and_a_full_class()
    {
        var full = await app.NewClassAsync(max: 1);
        Assert.Equal(HttpStatusCode.Redirect, (await SsrForm.JoinAsync(app.Browser(), full.Code, "First")).StatusCode);
        var wrong = await (await SsrForm.JoinAsync(app.Browser(), "NQ-" + ClassCode.Generate(), "Eve")).Content.ReadAsStringAsync();
        var noRoom = await (await SsrForm.JoinAsync(app.Browser(), full.Code, "Eve")).Content.ReadAsStringAsync();
        Assert.Equal(SsrForm.TestIdText(wrong, "join-error"), SsrForm.TestIdText(noRoom, "join-error"));
        Assert.Equal("NotAdmitted", SsrForm.TestIdAttribute(noRoom, "join-error", "data-refusal"));
    }

    [Fact]
    public async Task A_learner_who_lost_the_code_continues_once_the_instructor_lets_that_browser_in()
    {
        var cls = await app.NewClassAsync();
        var first = app.Browser();
        await SsrForm.JoinAsync(first, cls.Code, "Mei");
        var firstCode = SsrForm.TestIdText(await PageAsync(first, "/join"), "resume-code");

        var newLaptop = app.Browser();
        await SsrForm.JoinAsync(newLaptop, cls.Code, "Mei");
        var asked = await SsrForm.PostAsync(newLaptop, "/join", "ask", new Dictionary<string, string> { ["Ask.Code"] = cls.Code, ["Ask.Name"] = "Mei" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/join/wait", SsrForm.Location(asked));

        var waiting = await PageAsync(newLaptop, "/join/wait");
        Assert.Equal("Waiting", SsrForm.TestIdAttribute(waiting, "join-wait", "data-state"));
        Assert.Contains("http-equiv=\"refresh\"", waiting);
        var tag = SsrForm.TestIdText(waiting, "request-tag");
        var request = Assert.Single(await app.Get<ResumeRequests>().PendingAsync(cls.Id, CancellationToken.None));
        Assert.Equal(tag, request.Tag);

        await app.Get<ResumeRequests>().DecideAsync(cls.Id, request.Id, approve: true, CancellationToken.None);
        var approved = await newLaptop.GetAsync("/join/wait");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.StartsWith("/welcome", SsrForm.Location(approved));
        var mine = await PageAsync(newLaptop, "/join");
        Assert.Contains("Mei", SsrForm.TestIdText(mine, "join-current"));
        var newCode = SsrForm.TestIdText(mine, "resume-code");
        Assert.NotEqual(firstCode, newCode);
        // The first browser stays signed in, and is told its code was replaced.
        Assert.Equal("Replaced", SsrForm.TestIdAttribute(await PageAsync(first, "/join"), "my-resume-code", "data-state"));
    }

    [Fact]
    public async Task A_learner_the_instructor_removed_is_signed_out()
    {
        var cls = await app.NewClassAsync();
        var browser = app.Browser();
        await SsrForm.JoinAsync(browser, cls.Code, "Squatter");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/progress")).StatusCode);
        var learner = (await app.Get<ClassDashboard>().GetAsync(cls.Id, CancellationToken.None))!.Learners.Single();
        await app.Get<ClassActions>().RemoveLearnerAsync(cls.Id, learner.LearnerId, CancellationToken.None);
        app.Get<ImmersiveLab.Web.Classroom.SignInValidator>().Forget(learner.LearnerId); // as the dashboard's validator cache expires
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/progress")).StatusCode);
    }
}
