using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace ImmersiveLab.Web.Network;

/// <summary>
/// The Host header values the lab answers (anything else gets 400, which stops DNS rebinding: a page of another site
/// whose name was pointed at this machine still sends its own name). By default: the loopback names, the hosts the lab
/// listens on (--urls), and, when it listens on every interface, this machine's names and the addresses of its network
/// cards, so a classroom reaches it by address without configuration; plus Classroom:AllowedHosts.
/// </summary>
public static class LabHostNames
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];
    private static readonly HashSet<string> Wildcards = ["0.0.0.0", "[::]", "::", "*", "+"];

    public static IReadOnlyList<string> Allowed(string listenUrls, IEnumerable<string> configured)
    {
        var hosts = new List<string>(Loopback);
        var everyInterface = false;
        foreach (var url in listenUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = HostOf(url);
            if (host is null) continue;
            if (Wildcards.Contains(host)) everyInterface = true;
            else hosts.Add(host);
        }
        if (everyInterface) hosts.AddRange(ThisMachine());
        hosts.AddRange(configured.Select(h => h.Trim()).Where(h => h.Length > 0));
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The host of "http://host:port" (brackets kept for IPv6), or the wildcard written there.</summary>
    public static string? HostOf(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        rest = rest.Split('/')[0];
        if (rest.StartsWith('['))
        {
            var end = rest.IndexOf(']');
            return end > 0 ? rest[..(end + 1)] : null;
        }
        var colon = rest.LastIndexOf(':');
        var host = colon >= 0 ? rest[..colon] : rest;
        return host.Length > 0 ? host : null;
    }

    private static IEnumerable<string> ThisMachine()
    {
        var names = new List<string>();
        try
        {
            var name = Dns.GetHostName();
            names.Add(name);
            names.Add(name + ".local");
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up))
                foreach (var address in nic.GetIPProperties().UnicastAddresses.Select(a => a.Address))
                {
                    if (address.AddressFamily == AddressFamily.InterNetwork) names.Add(address.ToString());
                    else if (address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv6LinkLocal) names.Add($"[{address}]");
                }
        }
        catch (Exception e) when (e is NetworkInformationException or SocketException)
        {
            // Without them, Classroom:AllowedHosts names the machine.
        }
        return names;
    }
}
