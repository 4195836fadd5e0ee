using ImmersiveLab.Database.Cluster;
using ImmersiveLab.Database.Metadata;
using ImmersiveLab.Database.Template;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Database;

/// <summary>
/// The PostgreSQL server the lab runs on: the embedded cluster by default, or an external server when an
/// admin connection string is configured. Starting it also ensures the metadata and template databases.
/// </summary>
public sealed class LabServer(
    IOptions<LabDatabaseOptions> options,
    EmbeddedCluster embedded,
    MetadataMigrator migrator,
    TemplateDatabaseBuilder templateBuilder,
    ILogger<LabServer> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private NpgsqlDataSource? _admin;
    private NpgsqlDataSource? _metadata;
    private string? _adminConnectionString;

    public LabDatabaseOptions Options => options.Value;
    public ServerStatus? Status { get; private set; }
    public bool IsStarted => _admin is not null;

    /// <summary>Admin connection to the "postgres" maintenance database (or the configured one).</summary>
    public NpgsqlDataSource Admin => _admin ?? throw NotStarted();

    /// <summary>The app's own data: learners, progress, classes.</summary>
    public NpgsqlDataSource Metadata => _metadata ?? throw NotStarted();

    public string AdminConnectionString => _adminConnectionString ?? throw NotStarted();

    public async Task StartAsync(CancellationToken ct)
    {
        await _startLock.WaitAsync(ct);
        try
        {
            if (_admin is not null) return;
            var mode = string.IsNullOrWhiteSpace(Options.AdminConnectionString) ? ServerMode.Embedded : ServerMode.External;
            _adminConnectionString = mode == ServerMode.Embedded ? await embedded.StartAsync(ct) : Options.AdminConnectionString!;
            var admin = NpgsqlDataSource.Create(_adminConnectionString);
            await CheckServerAsync(admin, ct);

            await EnsureDatabaseAsync(admin, Options.MetadataDatabase, ct);
            var metadata = CreateDataSource(Options.MetadataDatabase, "immersivelab-metadata");
            await migrator.MigrateAsync(metadata, ct);
            await templateBuilder.EnsureAsync(admin, ConnectionStringFor(Options.TemplateDatabase), ct);
            await LockDownSharedDatabasesAsync(admin, ct);

            Status = await ReadStatusAsync(admin, mode, ct);
            _admin = admin;
            _metadata = metadata;
            logger.LogInformation("PostgreSQL ready: {Version}, pgvector {Vector} ({Mode})", Status.ServerVersion, Status.PgvectorVersion, mode);
        }
        finally
        {
            _startLock.Release();
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_admin is not null) await _admin.DisposeAsync();
        if (_metadata is not null) await _metadata.DisposeAsync();
        _admin = _metadata = null;
        NpgsqlConnection.ClearAllPools();
        if (Options.StopEmbeddedOnShutdown) await embedded.StopAsync(ct);
    }

    /// <summary>A connection string for another database on the same server, as the admin or as another role.</summary>
    public string ConnectionStringFor(string database, string? user = null, string? password = null, string? applicationName = null)
    {
        var b = new NpgsqlConnectionStringBuilder(_adminConnectionString ?? throw NotStarted()) { Database = database };
        if (user is not null)
        {
            b.Username = user;
            b.Password = password;
            b.Passfile = null;
        }
        if (applicationName is not null) b.ApplicationName = applicationName;
        return b.ConnectionString;
    }

    /// <summary>A data source for one database of the server with pgvector types mapped.</summary>
    public NpgsqlDataSource CreateDataSource(string database, string? applicationName = null, string? user = null, string? password = null)
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionStringFor(database, user, password, applicationName));
        builder.UseVector();
        return builder.Build();
    }

    /// <summary>Drops the pooled idle connections of the app's data sources. After a server restart every pooled
    /// connection is dead, and Npgsql finds that out only one failed command at a time.</summary>
    public void ClearPools()
    {
        _admin?.Clear();
        _metadata?.Clear();
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    private async Task CheckServerAsync(NpgsqlDataSource admin, CancellationToken ct)
    {
        await using var cmd = admin.CreateCommand(
            "SELECT current_setting('server_version_num')::int, (SELECT default_version FROM pg_available_extensions WHERE name = 'vector')");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var versionNum = r.GetInt32(0);
        var vector = r.IsDBNull(1) ? null : r.GetString(1);
        if (versionNum < 150000)
            throw new LabDatabaseException($"PostgreSQL 15 or newer is required; the server is {versionNum / 10000}.");
        if (vector is null)
            throw new LabDatabaseException("The pgvector extension is not installed on the server. Run ./run.sh (it builds it) or install pgvector 0.8+.");
        if (!Version.TryParse(vector, out var v) || v < new Version(0, 8, 0))
            throw new LabDatabaseException($"pgvector 0.8 or newer is required; the server has {vector}.");
    }

    private static async Task EnsureDatabaseAsync(NpgsqlDataSource admin, string name, CancellationToken ct)
    {
        await using var exists = admin.CreateCommand("SELECT 1 FROM pg_database WHERE datname = $1");
        exists.Parameters.AddWithValue(name);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        try
        {
            await using var create = admin.CreateCommand($"CREATE DATABASE {Quote(name)} TEMPLATE template0 ENCODING 'UTF8'");
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // another instance created it at the same moment
        }
    }

    /// <summary>Learners get CONNECT only on their own database: take it away from PUBLIC everywhere else.</summary>
    private async Task LockDownSharedDatabasesAsync(NpgsqlDataSource admin, CancellationToken ct)
    {
        foreach (var db in new[] { "postgres", "template1", Options.MetadataDatabase, Options.TemplateDatabase })
        {
            await using var cmd = admin.CreateCommand($"REVOKE ALL ON DATABASE {Quote(db)} FROM PUBLIC");
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task<ServerStatus> ReadStatusAsync(NpgsqlDataSource admin, ServerMode mode, CancellationToken ct)
    {
        await using var cmd = admin.CreateCommand(
            "SELECT version(), (SELECT default_version FROM pg_available_extensions WHERE name = 'vector'), current_setting('port')::int");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new ServerStatus(mode, r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1),
            mode == ServerMode.Embedded ? embedded.DataRoot : null,
            mode == ServerMode.Embedded ? embedded.LogFile : null,
            r.GetInt32(2));
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static InvalidOperationException NotStarted() => new("The lab's PostgreSQL server has not been started yet.");
}
