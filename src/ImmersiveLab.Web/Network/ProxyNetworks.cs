using System.Net;

namespace ImmersiveLab.Web.Network;

/// <summary>The trusted proxies as networks (a single address is a network of one), IPv4 ones also in their IPv6-mapped form.</summary>
public sealed class ProxyNetworks
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    public ProxyNetworks(IEnumerable<string> entries) =>
        _networks = entries.Select(e => TryParse(e, out var n) ? n : throw new FormatException($"Not an address or network: {e}"))
            .SelectMany(WithMapped).ToList();

    public IReadOnlyList<IPNetwork> Networks => _networks;

    public bool IsEmpty => _networks.Count == 0;

    public bool Contains(IPAddress? address) => address is not null && _networks.Any(n => n.Contains(address));

    public static bool TryParse(string entry, out IPNetwork network)
    {
        var text = entry.Trim();
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(text, out network);
    }

    private static IEnumerable<IPNetwork> WithMapped(IPNetwork network)
    {
        yield return network;
        if (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            yield return new IPNetwork(network.BaseAddress.MapToIPv6(), network.PrefixLength + 96);
    }
}
