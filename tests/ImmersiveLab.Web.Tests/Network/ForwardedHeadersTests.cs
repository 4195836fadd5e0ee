using System.Net;
using ImmersiveLab.Web.Classroom;
using ImmersiveLab.Web.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Web.Tests.Network;

/// <summary>
/// ASP.NET's forwarded-headers middleware believes every address when it is given no known proxy: the lab must then
/// believe nobody (the default), and only the configured proxies otherwise.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static HttpContext Apply(string[] trustedProxies, string peer, string forwardedFor)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < trustedProxies.Length; i++) settings[$"Classroom:TrustedProxies:{i}"] = trustedProxies[i];
        var services = new ServiceCollection().AddLogging().AddLocalization()
            .AddLabNetwork(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Scheme = "http";
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        ConnectionOrigin.Record(_ => Task.CompletedTask, services.GetRequiredService<ProxyNetworks>())(context);
        new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, services.GetRequiredService<IOptions<ForwardedHeadersOptions>>())
            .ApplyForwarders(context);
        return context;
    }

    [Fact]
    public void Without_configured_proxies_nobody_is_believed()
    {
        var context = Apply([], "127.0.0.1", "203.0.113.5");
        Assert.Equal(IPAddress.Loopback, context.Connection.RemoteIpAddress);
        Assert.Equal("http", context.Request.Scheme);
        Assert.False(LoopbackRequest.Is(context)); // a local proxy that forwards relays someone else
    }

    [Fact]
    public void A_configured_proxy_is_believed_and_its_clients_are_never_local()
    {
        var context = Apply(["127.0.0.1"], "127.0.0.1", "203.0.113.5");
        Assert.Equal(IPAddress.Parse("203.0.113.5"), context.Connection.RemoteIpAddress);
        Assert.Equal("https", context.Request.Scheme);
        Assert.False(LoopbackRequest.Is(context));
        Assert.False(LoopbackRequest.Is(Apply(["127.0.0.1"], "127.0.0.1", "127.0.0.1")));
    }

    [Fact]
    public void Another_address_is_not_believed_when_a_proxy_is_configured()
    {
        var context = Apply(["10.0.0.1"], "192.0.2.8", "127.0.0.1");
        Assert.Equal(IPAddress.Parse("192.0.2.8"), context.Connection.RemoteIpAddress);
        Assert.Equal("http", context.Request.Scheme);
    }
}
