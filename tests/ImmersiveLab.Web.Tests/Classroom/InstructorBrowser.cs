using System.Net;
using ImmersiveLab.Classroom;

namespace ImmersiveLab.Web.Tests;

/// <summary>Signs a test browser in as the instructor with the current token.</summary>
public static class InstructorBrowser
{
    public static async Task<HttpClient> SignInAsync(LabWebFixture app, HttpClient browser, string? token = null)
    {
        token ??= await app.Get<InstructorToken>().GetAsync(CancellationToken.None);
        var response = await SsrForm.PostAsync(browser, "/instructor/login", "instructor", new Dictionary<string, string> { ["Input.Token"] = token });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/instructor", SsrForm.Location(response));
        return browser;
    }

    /// <summary>Whether the browser's cookie still opens the instructor's pages.</summary>
    public static async Task<bool> IsInstructorAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/instructor/classes/" + Guid.NewGuid() + "/progress.csv");
        return response.StatusCode == HttpStatusCode.NotFound; // signed in: the class does not exist; signed out: 401/302
    }
}
