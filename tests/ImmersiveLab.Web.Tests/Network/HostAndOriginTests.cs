using System.Net;

namespace ImmersiveLab.Web.Tests.Network;

/// <summary>DNS rebinding and foreign pages: only the lab's own host names are answered, and only its own pages open a live connection.</summary>
[Collection(nameof(LabWebCollection))]
public sealed class HostAndOriginTests(LabWebFixture app)
{
    private static HttpRequestMessage Get(string path, string host) => new(HttpMethod.Get, path) { Headers = { Host = host } };

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5999")] // the address of --urls
    [InlineData("[::1]:5080")]
    public async Task The_lab_answers_its_own_names(string host)
    {
        var response = await app.Browser().SendAsync(Get("/join", host));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("rebind.evil.example")]
    [InlineData("rebind.evil.example:5999")]
    [InlineData("10.1.2.3")] // an address the lab does not listen on
    public async Task A_foreign_host_name_is_refused(string host)
    {
        var response = await app.Browser(peer: "127.0.0.1").SendAsync(Get("/", host));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static HttpRequestMessage Negotiate(string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task A_page_of_another_site_cannot_open_a_live_connection_even_for_the_solo_learner()
    {
        var solo = app.Browser(peer: "127.0.0.1");
        Assert.Equal(HttpStatusCode.Forbidden, (await solo.SendAsync(Negotiate("http://evil.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await solo.SendAsync(Negotiate("http://localhost:8080"))).StatusCode); // another port is another site
        Assert.Equal(HttpStatusCode.Forbidden, (await solo.SendAsync(Negotiate("null"))).StatusCode); // a sandboxed frame
        // The lab's own page (same origin as the Host it used), an allowed origin, and a client without an Origin.
        Assert.Equal(HttpStatusCode.OK, (await solo.SendAsync(Negotiate("http://localhost"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await solo.SendAsync(Negotiate(LabWebFixture.AllowedOrigin))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await solo.SendAsync(Negotiate(null))).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_tls_proxy_the_https_origin_is_the_labs_own()
    {
        var viaProxy = app.Browser(peer: LabWebFixture.TrustedProxy, forwardedFor: LabWebFixture.NewRemoteAddress(), forwardedProto: "https");
        // Anonymous, from another machine: refused for not being signed in, not for its origin (403).
        Assert.NotEqual(HttpStatusCode.Forbidden, (await viaProxy.SendAsync(Negotiate("https://localhost"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viaProxy.SendAsync(Negotiate("http://localhost"))).StatusCode);
    }
}
