using System.Net;
using System.Text.RegularExpressions;

namespace ImmersiveLab.Web.Tests;

/// <summary>Posts a server-rendered Blazor form as a browser does: the page is loaded first (antiforgery cookie and token).</summary>
public static partial class SsrForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string page, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var html = await (await browser.GetAsync(page)).Content.ReadAsStringAsync();
        var token = Token().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {page}");
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["_handler"] = formName,
        };
        return await browser.PostAsync(page, new FormUrlEncodedContent(form));
    }

    /// <summary>Joins a class at /join (the join form).</summary>
    public static Task<HttpResponseMessage> JoinAsync(HttpClient browser, string code, string name, string? resumeCode = null) =>
        PostAsync(browser, "/join", "join", new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Name"] = name,
            ["Input.ResumeCode"] = resumeCode ?? "",
        });

    /// <summary>The value of the element with data-testid <paramref name="testId"/> in a page (its text).</summary>
    public static string? TestIdText(string html, string testId)
    {
        var m = Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>([^<]*)<");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : null;
    }

    public static string? TestIdAttribute(string html, string testId, string attribute)
    {
        var tag = Regex.Match(html, $"<[^>]*data-testid=\"{Regex.Escape(testId)}\"[^>]*>");
        if (!tag.Success) return null;
        var a = Regex.Match(tag.Value, $"{Regex.Escape(attribute)}=\"([^\"]*)\"");
        return a.Success ? WebUtility.HtmlDecode(a.Groups[1].Value) : null;
    }

    /// <summary>Where a redirect goes, as a path and query (the app writes absolute URLs).</summary>
    public static string Location(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location ?? throw new Xunit.Sdk.XunitException($"Not a redirect: {response.StatusCode}")).PathAndQuery;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
