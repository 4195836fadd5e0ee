using System.Net;

namespace ImmersiveLab.Web.Tests.Network;

/// <summary>
/// "Local" (the solo learner, the operator) is decided by the connection: a loopback peer that is not a trusted proxy.
/// A proxy's headers never make a request local, and a proxy that sends none does not either.
/// </summary>
[Collection(nameof(LabWebCollection))]
public sealed class LocalRequestTests(LabWebFixture app)
{
    private static async Task<bool> IsSoloAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/");
        if (response.StatusCode == HttpStatusCode.OK) return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/join", SsrForm.Location(response));
        return false;
    }

    private static HttpClient Html(HttpClient browser)
    {
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return browser;
    }

    [Fact]
    public async Task This_machine_is_the_solo_learner()
    {
        Assert.True(await IsSoloAsync(Html(app.Browser(peer: "127.0.0.1"))));
        Assert.True(await IsSoloAsync(Html(app.Browser(peer: "::1"))));
        Assert.True(await IsSoloAsync(Html(app.Browser(peer: "::ffff:127.0.0.1"))));
    }

    [Fact]
    public async Task Another_machine_is_sent_to_join()
    {
        Assert.False(await IsSoloAsync(Html(app.Browser())));
    }

    [Fact]
    public async Task A_trusted_proxy_relays_other_people_even_without_forwarding_headers()
    {
        Assert.False(await IsSoloAsync(Html(app.Browser(peer: LabWebFixture.TrustedProxy))));
        // Its X-Forwarded-For is believed, and loopback there is the proxy's own machine, not the lab's.
        Assert.False(await IsSoloAsync(Html(app.Browser(peer: LabWebFixture.TrustedProxy, forwardedFor: "127.0.0.1"))));
    }

    [Fact]
    public async Task An_unconfigured_proxy_on_this_machine_that_forwards_is_not_local_either()
    {
        Assert.False(await IsSoloAsync(Html(app.Browser(peer: "127.0.0.1", forwardedFor: "203.0.113.9"))));
    }

    [Fact]
    public async Task Forwarded_headers_of_a_stranger_are_ignored()
    {
        // A remote machine claiming to be loopback, or to come over https, is still itself.
        var liar = Html(app.Browser(forwardedFor: "127.0.0.1", forwardedProto: "https"));
        Assert.False(await IsSoloAsync(liar));
    }
}
