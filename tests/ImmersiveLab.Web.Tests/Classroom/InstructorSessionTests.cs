using System.Net;
using System.Text.RegularExpressions;
using ImmersiveLab.Classroom;
using ImmersiveLab.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Web.Tests.Classroom;

/// <summary>
/// Instructor sessions end when the token is rotated (from the dashboard's token page or from another instance such as
/// the CLI), the cookie is Secure behind a trusted TLS proxy, and wrong guesses never lock out the right token.
/// These tests rotate the shared token, so they run one after another (one collection) and sign in afresh each time.
/// </summary>
[Collection(nameof(LabWebCollection))]
public sealed partial class InstructorSessionTests(LabWebFixture app)
{
    [Fact]
    public async Task Rotating_the_token_on_its_page_ends_every_other_instructor_session_and_keeps_this_one()
    {
        var here = await InstructorBrowser.SignInAsync(app, app.Browser());
        var elsewhere = await InstructorBrowser.SignInAsync(app, app.Browser());
        var old = await app.Get<InstructorToken>().GetAsync(CancellationToken.None);

        var rotated = await SsrForm.PostAsync(here, "/instructor/token", "rotate", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var html = await rotated.Content.ReadAsStringAsync();
        var fresh = SsrForm.TestIdText(html, "new-instructor-token");
        Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", fresh);
        Assert.NotEqual(old, fresh);

        Assert.True(await InstructorBrowser.IsInstructorAsync(here));
        Assert.False(await InstructorBrowser.IsInstructorAsync(elsewhere));
        // The old token signs nobody in; the new one does.
        var withOld = await SsrForm.PostAsync(app.Browser(), "/instructor/login", "instructor", new Dictionary<string, string> { ["Input.Token"] = old });
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.NotNull(SsrForm.TestIdText(await withOld.Content.ReadAsStringAsync(), "instructor-login-error"));
        Assert.True(await InstructorBrowser.IsInstructorAsync(await InstructorBrowser.SignInAsync(app, app.Browser(), fresh)));
    }

    [Fact]
    public async Task A_token_rotated_elsewhere_ends_the_sessions_of_this_instance_within_seconds()
    {
        var session = await InstructorBrowser.SignInAsync(app, app.Browser());
        // Another app instance, or `imlab instructor rotate-token`, on the same metadata database.
        var cli = new InstructorToken(app.Get<LabServer>(), Options.Create(new ClassroomOptions()), TimeProvider.System, NullLogger<InstructorToken>.Instance);
        await cli.RotateAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await InstructorBrowser.IsInstructorAsync(session))
        {
            Assert.True(DateTime.UtcNow < deadline, "the old session still worked a minute after the rotation");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_learner_who_is_also_the_instructor_keeps_their_class_when_the_token_is_rotated()
    {
        var browser = app.Browser();
        var cls = await app.NewClassAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SsrForm.JoinAsync(browser, cls.Code, "Teaching Assistant")).StatusCode);
        await InstructorBrowser.SignInAsync(app, browser);
        await app.Get<InstructorToken>().RotateAsync(CancellationToken.None);

        Assert.False(await InstructorBrowser.IsInstructorAsync(browser));
        var join = await (await browser.GetAsync("/join")).Content.ReadAsStringAsync();
        Assert.Contains("Teaching Assistant", SsrForm.TestIdText(join, "join-current"));
    }

    [Fact]
    public async Task Behind_a_trusted_tls_proxy_the_sign_in_cookie_is_secure_and_not_otherwise()
    {
        var token = await app.Get<InstructorToken>().GetAsync(CancellationToken.None);
        var fields = new Dictionary<string, string> { ["Input.Token"] = token };
        var proxied = await SsrForm.PostAsync(app.Browser(peer: LabWebFixture.TrustedProxy, forwardedFor: LabWebFixture.NewRemoteAddress(), forwardedProto: "https"),
            "/instructor/login", "instructor", fields);
        Assert.Matches(SecureAuthCookie(), string.Join("\n", proxied.Headers.GetValues("Set-Cookie")));

        // A stranger claiming https is not believed.
        var direct = await SsrForm.PostAsync(app.Browser(forwardedProto: "https"), "/instructor/login", "instructor", fields);
        var cookie = direct.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("imlab.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_guesses_from_an_address_slow_it_down_but_the_right_token_still_signs_in_from_there()
    {
        var address = LabWebFixture.NewRemoteAddress();
        for (var i = 0; i < ImmersiveLab.Web.Classroom.LoginThrottle.FreeFailures + 1; i++)
        {
            var wrong = await SsrForm.PostAsync(app.Browser(peer: address), "/instructor/login", "instructor",
                new Dictionary<string, string> { ["Input.Token"] = "wrong-token-" + i });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        Assert.True(app.Get<ImmersiveLab.Web.Classroom.LoginThrottle>().DelayFor("address:" + address) > TimeSpan.Zero);
        // The instructor behind the same address (a school's NAT) is slowed, never refused.
        Assert.True(await InstructorBrowser.IsInstructorAsync(await InstructorBrowser.SignInAsync(app, app.Browser(peer: address))));
    }

    [GeneratedRegex("imlab\\.auth=[^\\n]*; secure", RegexOptions.IgnoreCase)]
    private static partial Regex SecureAuthCookie();
}
