namespace ImmersiveLab.Web.Network;

/// <summary>
/// Who may reach the lab and how (bound from the "Classroom" section): the reverse proxies whose forwarding headers
/// are believed, the host names and page origins the lab answers, and how fast one client may join and open pages.
/// </summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Classroom";

    /// <summary>Addresses or networks ("127.0.0.1", "10.0.0.0/24", "::1") of reverse proxies in front of the lab. Their
    /// X-Forwarded-For and X-Forwarded-Proto are believed (the client's address, https); nobody else's are. A request
    /// that comes through one of them never counts as this machine's.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Host names (or addresses) browsers may use for the lab, besides the defaults: the loopback names, the
    /// hosts of --urls, and when it listens on every interface (0.0.0.0, [::]) this machine's names and addresses.
    /// "*" turns the check off.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Origins ("https://lab.example.org") whose pages may open the lab's live connection besides the lab's own
    /// (the origin the browser addressed it by).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Join attempts (form posts to /join) one client may make per minute; as many more wait their turn, beyond
    /// that they are refused. A class behind one address (a school's NAT) shares it.</summary>
    public int JoinsPerMinutePerClient { get; set; } = 60;

    /// <summary>Live connections (Blazor circuits: a page opened or reloaded) one client may start per minute; as many
    /// more wait, beyond that they are refused.</summary>
    public int CircuitsPerMinutePerClient { get; set; } = 120;

    public string? Validate()
    {
        if (JoinsPerMinutePerClient < 1) return "Classroom:JoinsPerMinutePerClient must be at least 1.";
        if (CircuitsPerMinutePerClient < 1) return "Classroom:CircuitsPerMinutePerClient must be at least 1.";
        foreach (var proxy in TrustedProxies)
            if (!ProxyNetworks.TryParse(proxy, out _))
                return $"Classroom:TrustedProxies has '{proxy}', which is neither an address nor a network (10.0.0.0/24).";
        foreach (var origin in AllowedOrigins)
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                return $"Classroom:AllowedOrigins has '{origin}'; an origin is a scheme and host (and port), e.g. https://lab.example.org.";
        return null;
    }
}
