using System.Net;
using ImmersiveLab.Web.Network;
using Microsoft.AspNetCore.Http;

namespace ImmersiveLab.Web.Tests.Network;

public sealed class NetworkRulesTests
{
    [Fact]
    public void The_allowed_hosts_are_the_loopback_names_the_listen_hosts_and_the_configured_ones()
    {
        var hosts = LabHostNames.Allowed("http://127.0.0.1:5080;http://lab.local:5081", ["lab.example.org"]);
        Assert.Equal(["localhost", "127.0.0.1", "[::1]", "lab.local", "lab.example.org"], hosts);
    }

    [Fact]
    public void Listening_on_every_interface_adds_this_machines_names_and_addresses()
    {
        var hosts = LabHostNames.Allowed("http://0.0.0.0:5080", []);
        Assert.Contains(Dns.GetHostName(), hosts);
        Assert.DoesNotContain("0.0.0.0", hosts);
        Assert.True(hosts.Count > 3);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1")]
    [InlineData("http://[::]:5080", "[::]")]
    [InlineData("http://*:5080", "*")]
    [InlineData("https://lab.example.org", "lab.example.org")]
    [InlineData("http://+:80/", "+")]
    public void The_host_of_a_listen_url_is_found(string url, string host) => Assert.Equal(host, LabHostNames.HostOf(url));

    private static HttpRequest Request(string scheme, string host)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = HostString.FromUriComponent(host);
        return context.Request;
    }

    [Theory]
    [InlineData("http://localhost:5080", "http", "localhost:5080", true)]
    [InlineData("http://LOCALHOST:5080", "http", "localhost:5080", true)]
    [InlineData("https://lab.school.edu", "https", "lab.school.edu", true)] // behind a TLS proxy: https and the default port
    [InlineData("https://lab.school.edu:443", "https", "lab.school.edu", true)]
    [InlineData("http://lab.school.edu", "https", "lab.school.edu", false)]
    [InlineData("http://localhost:9999", "http", "localhost:5080", false)]
    [InlineData("http://evil.example", "http", "localhost:5080", false)]
    [InlineData("null", "http", "localhost:5080", false)]
    [InlineData("file://", "http", "localhost:5080", false)]
    [InlineData("https://projector.example.org", "http", "localhost:5080", true)] // listed in AllowedOrigins
    public void Only_the_labs_own_origin_and_the_listed_ones_open_a_live_connection(string origin, string scheme, string host, bool allowed) =>
        Assert.Equal(allowed, OriginCheck.IsAllowed(origin, Request(scheme, host), ["https://projector.example.org"]));

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")] // the same /64: one client
    public void Clients_are_counted_by_address_and_ipv6_by_its_64(string address, string key) =>
        Assert.Equal(key, ClientAddress.Key(IPAddress.Parse(address)));

    [Fact]
    public void Trusted_proxies_are_addresses_or_networks_in_both_ip_forms()
    {
        var proxies = new ProxyNetworks(["127.0.0.1", "10.0.0.0/24", "::1"]);
        Assert.True(proxies.Contains(IPAddress.Parse("127.0.0.1")));
        Assert.True(proxies.Contains(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(proxies.Contains(IPAddress.Parse("10.0.0.200")));
        Assert.True(proxies.Contains(IPAddress.Parse("::ffff:10.0.0.200")));
        Assert.True(proxies.Contains(IPAddress.Parse("::1")));
        Assert.False(proxies.Contains(IPAddress.Parse("10.0.1.1")));
        Assert.False(proxies.Contains(IPAddress.Parse("127.0.0.2")));
        Assert.False(new ProxyNetworks([]).Contains(IPAddress.Loopback));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("not-an-address", null, "TrustedProxies")]
    [InlineData(null, "lab.example.org", "AllowedOrigins")]
    [InlineData(null, "https://lab.example.org/path", "AllowedOrigins")]
    public void Bad_network_settings_are_refused_with_the_key(string? proxy, string? origin, string? says)
    {
        var options = new NetworkOptions
        {
            TrustedProxies = proxy is null ? ["10.0.0.0/8"] : [proxy],
            AllowedOrigins = origin is null ? ["https://lab.example.org"] : [origin],
        };
        if (says is null) Assert.Null(options.Validate());
        else Assert.Contains(says, options.Validate());
        Assert.NotNull(new NetworkOptions { JoinsPerMinutePerClient = 0 }.Validate());
    }

    [Fact]
    public void A_loopback_connection_is_this_machine_unless_it_is_a_trusted_proxy()
    {
        Assert.True(new ConnectionOrigin(IPAddress.Loopback, false).IsThisMachine);
        Assert.True(new ConnectionOrigin(IPAddress.Parse("::ffff:127.0.0.1"), false).IsThisMachine);
        Assert.False(new ConnectionOrigin(IPAddress.Loopback, true).IsThisMachine);
        Assert.False(new ConnectionOrigin(IPAddress.Parse("192.0.2.1"), false).IsThisMachine);
        Assert.False(new ConnectionOrigin(null, false).IsThisMachine);
    }
}
