namespace ImmersiveLab.Database.Hosts;

/// <summary>One more PostgreSQL server for learner sandboxes (an item of Database:SandboxServers).</summary>
public sealed class SandboxServerOptions
{
    /// <summary>Stable name recorded with every sandbox placed there (lower-case letters, digits, '-', '_'); never "default".</summary>
    public string Key { get; set; } = "";

    /// <summary>Admin connection (a superuser: the template needs CREATE EXTENSION vector), e.g. Host=…;Username=…;Password=…;Database=postgres.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Most sandboxes placed on this server; empty: no limit, 0: none (drain it: its sandboxes stay usable).</summary>
    public int? MaxSandboxes { get; set; }

    /// <summary>False: not connected to at all; nothing is placed there and its learners are told their server is unavailable.</summary>
    public bool Enabled { get; set; } = true;
}
