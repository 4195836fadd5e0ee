using Npgsql;

namespace ImmersiveLab.Database.Hosts;

/// <summary>
/// One PostgreSQL server that holds learner sandboxes: the primary (key "default", which also holds the metadata
/// database) or an item of Database:SandboxServers. A learner's role exists only on the server of their sandbox, so
/// every connection for a learner is built from that server's admin connection string.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    public const string DefaultKey = "default";

    private readonly object _gate = new();
    private string? _connectionString;
    private NpgsqlDataSource? _admin;
    private volatile bool _available;
    private volatile string? _unavailableReason = "not connected yet";

    internal SandboxHost(string key, string? connectionString, int? maxSandboxes, bool enabled)
    {
        Key = key;
        _connectionString = connectionString;
        MaxSandboxes = maxSandboxes;
        Enabled = enabled;
        if (!enabled) _unavailableReason = "disabled in the configuration (Enabled: false)";
    }

    public string Key { get; }
    public bool IsPrimary => Key == DefaultKey;
    public bool Enabled { get; }
    public int? MaxSandboxes { get; }

    /// <summary>Checked and prepared (template built), and not found unreachable since: new sandboxes may go here.</summary>
    public bool IsAvailable => _available;

    /// <summary>Why the server is not available (for logs and the instructor), or null.</summary>
    public string? UnavailableReason => _available ? null : _unavailableReason;

    /// <summary>Version, pgvector and port, read when the server was last prepared.</summary>
    public ServerStatus? Status { get; private set; }

    /// <summary>
    /// The data directory of the server when it runs on this machine as the lab's embedded cluster (its backends' memory
    /// can be read and they can be signalled from here); null for a server elsewhere.
    /// </summary>
    public string? LocalDataDirectory { get; private set; }

    /// <summary>host:port, without credentials.</summary>
    public string Endpoint
    {
        get
        {
            if (_connectionString is null) return "(not started)";
            var b = new NpgsqlConnectionStringBuilder(_connectionString);
            return $"{b.Host}:{b.Port}";
        }
    }

    /// <summary>Admin connection to the server's maintenance database.</summary>
    public NpgsqlDataSource Admin => _admin ?? throw new InvalidOperationException($"The database server '{Key}' has not been connected.");

    public string AdminConnectionString => _connectionString ?? throw new InvalidOperationException($"The database server '{Key}' has not been started.");

    /// <summary>A connection string for a database of this server, as the admin or as another role (a learner's role of this server).</summary>
    public string ConnectionStringFor(string database, string? user = null, string? password = null, string? applicationName = null)
    {
        var b = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database };
        if (user is not null)
        {
            b.Username = user;
            b.Password = password;
            b.Passfile = null;
        }
        if (applicationName is not null) b.ApplicationName = applicationName;
        return b.ConnectionString;
    }

    /// <summary>A data source for one database of this server with pgvector types mapped.</summary>
    public NpgsqlDataSource CreateDataSource(string database, string? applicationName = null, string? user = null, string? password = null)
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionStringFor(database, user, password, applicationName));
        builder.UseVector();
        return builder.Build();
    }

    public override string ToString() => $"{Key} ({Endpoint})";

    /// <summary>Sets the admin connection (the embedded cluster's is known only once it runs) and creates its data source once.</summary>
    internal void Attach(string? connectionString = null)
    {
        lock (_gate)
        {
            if (connectionString is not null) _connectionString = connectionString;
            _admin ??= NpgsqlDataSource.Create(AdminConnectionString);
        }
    }

    internal void MarkLocal(string dataDirectory) => LocalDataDirectory = dataDirectory;

    /// <summary>Closes idle pooled admin connections: after a failure they may belong to a server process that is gone.</summary>
    internal void ClearIdleConnections()
    {
        lock (_gate) _admin?.Clear();
    }

    internal void MarkAvailable(ServerStatus status)
    {
        Status = status;
        _unavailableReason = null;
        _available = true;
    }

    internal void MarkUnavailable(string reason)
    {
        _unavailableReason = reason;
        _available = false;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlDataSource? admin;
        lock (_gate)
        {
            admin = _admin;
            _admin = null;
            _available = false;
            _unavailableReason = "stopped";
        }
        if (admin is not null) await admin.DisposeAsync();
    }
}
