using System.Net;
using System.Net.Sockets;

namespace ImmersiveLab.Web.Network;

/// <summary>
/// The client a request counts against for rate limits and the sign-in throttle: its address after trusted proxies'
/// X-Forwarded-For, with an IPv6 address reduced to its /64 (one household or laptop gets a whole /64 and can change
/// addresses within it at will).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => Key(context.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
