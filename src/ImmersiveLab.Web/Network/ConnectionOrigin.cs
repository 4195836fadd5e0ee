using System.Net;

namespace ImmersiveLab.Web.Network;

/// <summary>
/// Where a request's connection came from, recorded before forwarding headers are applied: the address that opened
/// the TCP connection, and whether that is a trusted proxy. "Is this the lab's own machine" is decided from this, never
/// from the presence or absence of a header.
/// </summary>
public sealed record ConnectionOrigin(IPAddress? Address, bool ViaTrustedProxy)
{
    /// <summary>The connection's own address is loopback and it is not a trusted proxy relaying someone else.</summary>
    public bool IsThisMachine => Address is { } ip && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip) && !ViaTrustedProxy;

    public static ConnectionOrigin Of(HttpContext context) =>
        context.Features.Get<ConnectionOrigin>() ?? new ConnectionOrigin(context.Connection.RemoteIpAddress, false);

    /// <summary>Middleware that records it; runs before the forwarded-headers middleware.</summary>
    public static RequestDelegate Record(RequestDelegate next, ProxyNetworks proxies) => context =>
    {
        var address = context.Connection.RemoteIpAddress;
        context.Features.Set(new ConnectionOrigin(address, proxies.Contains(address)));
        return next(context);
    };
}
