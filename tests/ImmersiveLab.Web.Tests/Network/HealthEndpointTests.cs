using System.Net;
using System.Text.Json;

namespace ImmersiveLab.Web.Tests.Network;

/// <summary>/health says ok or degraded to anyone; versions and paths only to the instructor and this machine.</summary>
[Collection(nameof(LabWebCollection))]
public sealed class HealthEndpointTests(LabWebFixture app)
{
    private static async Task<JsonElement> HealthAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task A_stranger_learns_only_that_the_lab_is_ok()
    {
        var json = await HealthAsync(app.Browser());
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Single(json.EnumerateObject());
        var text = json.ToString();
        Assert.DoesNotContain("log", text);
        Assert.DoesNotContain("/", text);
    }

    [Fact]
    public async Task This_machine_sees_the_details()
    {
        var json = await HealthAsync(app.Browser(peer: "127.0.0.1"));
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal("embedded", json.GetProperty("postgres").GetProperty("mode").GetString());
        Assert.EndsWith("postgresql.log", json.GetProperty("postgres").GetProperty("logFile").GetString());
        Assert.True(json.GetProperty("model").GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task The_signed_in_instructor_sees_the_details_from_any_machine()
    {
        var instructor = await InstructorBrowser.SignInAsync(app, app.Browser());
        var json = await HealthAsync(instructor);
        Assert.True(json.TryGetProperty("postgres", out _));
        Assert.True(json.TryGetProperty("pgvector", out _));
    }
}
