namespace ImmersiveLab.Web.Hosting;

/// <summary>How patient the server is with a learner's browser connection (section "Circuits").</summary>
public sealed class CircuitConnectionOptions
{
    public const string SectionName = "Circuits";

    /// <summary>
    /// How long the server waits without a message from a browser before it closes the connection (SignalR's
    /// ClientTimeoutInterval, 30 s by default). A learner's browser that is busy, such as a weak laptop loading the SQL
    /// editor or a class's browsers sharing few cores, sends nothing meanwhile; closing it then forces a reconnect during
    /// which the learner's clicks are lost. Two minutes rides that out; a browser that is really gone is noticed later.
    /// </summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the server pings a quiet browser (SignalR's KeepAliveInterval); at most half of the browser's own
    /// server timeout (30 s), so a browser never gives up on a server that is there.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    public string? Validate() =>
        KeepAlive <= TimeSpan.Zero || KeepAlive > TimeSpan.FromSeconds(15) ? "Circuits:KeepAlive must be more than 0 and at most 15 seconds (half of the browser's server timeout)."
        : ClientTimeout < 2 * KeepAlive ? "Circuits:ClientTimeout must be at least twice Circuits:KeepAlive."
        : null;
}
