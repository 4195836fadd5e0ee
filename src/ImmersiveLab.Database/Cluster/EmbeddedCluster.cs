using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Database.Cluster;

/// <summary>
/// The lab's own PostgreSQL cluster: created with initdb on first start, started on a loopback port with a
/// generated scram password, and stopped again with the app. A cluster already running from the same data
/// directory (e.g. the app while the CLI starts) is attached to and left running.
/// </summary>
public sealed class EmbeddedCluster(LabDatabaseOptions options, ILogger<EmbeddedCluster> logger)
{
    public const string AdminUser = "lab_admin";

    public string DataRoot { get; } = options.ResolveDataDirectory();
    public string PgData => Path.Combine(DataRoot, "pg");
    public string LogFile => Path.Combine(DataRoot, "log", "postgresql.log");
    public string PasswordFile => Path.Combine(PgData, "lab_admin.password");
    public int Port { get; private set; }
    public bool StartedByUs { get; private set; }

    public async Task<string> StartAsync(CancellationToken ct)
    {
        var bin = PostgresBinaries.Locate(options.PostgresBinDirectory);
        PrepareDataRoot();
        if (!File.Exists(Path.Combine(PgData, "PG_VERSION")))
            await InitDbAsync(bin, ct);

        await File.WriteAllTextAsync(Path.Combine(PgData, "immersivelab.conf"),
            EmbeddedClusterSettings.Render(EmbeddedClusterSettings.Defaults(TotalMemoryBytes()), options.EmbeddedSettings), ct);

        var runningPort = await RunningPortAsync(bin, ct);
        if (runningPort is { } port)
        {
            Port = port;
            StartedByUs = false;
            logger.LogInformation("Using the embedded PostgreSQL already running from {PgData} on port {Port}", PgData, Port);
        }
        else
        {
            Port = ChoosePort();
            logger.LogInformation("Starting embedded PostgreSQL {Major} from {PgData} on 127.0.0.1:{Port} (log: {Log})", bin.MajorVersion, PgData, Port, LogFile);
            var result = await ProcessRunner.RunAsync(bin.PgCtl,
                ["start", "-D", PgData, "-w", "-t", "60", "-l", LogFile, "-o", $"-p {Port} -k {PgData}"], ct);
            if (result.ExitCode != 0)
                throw new LabDatabaseException($"PostgreSQL did not start (see {LogFile}):\n{result.Output}{TailOfLog()}");
            StartedByUs = true;
            await File.WriteAllTextAsync(Path.Combine(DataRoot, "port"), Port.ToString(), ct);
        }
        var cs = AdminConnectionString();
        await WaitUntilAcceptingAsync(cs, ct);
        return cs;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (!StartedByUs) return;
        var bin = PostgresBinaries.Locate(options.PostgresBinDirectory);
        logger.LogInformation("Stopping embedded PostgreSQL ({PgData})", PgData);
        var result = await ProcessRunner.RunAsync(bin.PgCtl, ["stop", "-D", PgData, "-m", "fast", "-w", "-t", "30"], ct);
        if (result.ExitCode != 0) logger.LogWarning("pg_ctl stop: {Output}", result.Output);
        StartedByUs = false;
    }

    /// <summary>Restart in place (same port): used by fault tests and after settings change.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        var bin = PostgresBinaries.Locate(options.PostgresBinDirectory);
        var result = await ProcessRunner.RunAsync(bin.PgCtl,
            ["restart", "-D", PgData, "-m", "fast", "-w", "-t", "60", "-l", LogFile, "-o", $"-p {Port} -k {PgData}"], ct);
        if (result.ExitCode != 0)
            throw new LabDatabaseException($"PostgreSQL did not restart:\n{result.Output}{TailOfLog()}");
    }

    public string AdminConnectionString() => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = AdminUser,
        Password = File.ReadAllText(PasswordFile).Trim(),
        Database = "postgres",
        ApplicationName = "immersivelab-admin",
    }.ConnectionString;

    private void PrepareDataRoot()
    {
        Directory.CreateDirectory(DataRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        if (ProcessRunner.RunsAsRoot)
        {
            // The server runs as the postgres OS user: it must be able to reach the data root and write the log.
            File.SetUnixFileMode(DataRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                           UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            ProcessRunner.GiveToPostgresAsync(Path.GetDirectoryName(LogFile)!, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    private async Task InitDbAsync(PostgresBinaries bin, CancellationToken ct)
    {
        if (Directory.Exists(PgData) && Directory.EnumerateFileSystemEntries(PgData).Any())
            throw new LabDatabaseException($"{PgData} exists but holds no PostgreSQL cluster (an interrupted first start?). Remove it and start again.");
        logger.LogInformation("Creating the embedded PostgreSQL cluster in {PgData} (initdb)", PgData);
        Directory.CreateDirectory(PgData);
        File.SetUnixFileMode(PgData, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var pwTemp = Path.Combine(DataRoot, ".initdb-password");
        await File.WriteAllTextAsync(pwTemp, password, ct);
        File.SetUnixFileMode(pwTemp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            await ProcessRunner.GiveToPostgresAsync(PgData, ct);
            await ProcessRunner.GiveToPostgresAsync(pwTemp, ct);
            var result = await ProcessRunner.RunAsync(bin.InitDb,
                ["-D", PgData, "-U", AdminUser, $"--pwfile={pwTemp}", "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"], ct);
            if (result.ExitCode != 0)
            {
                TryDelete(PgData);
                throw new LabDatabaseException($"initdb failed:\n{result.Output}");
            }
        }
        finally
        {
            File.Delete(pwTemp);
        }
        await File.WriteAllTextAsync(PasswordFile, password, ct);
        File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await ProcessRunner.GiveToPostgresAsync(PasswordFile, ct);
        await File.AppendAllTextAsync(Path.Combine(PgData, "postgresql.conf"), "\ninclude_if_exists = 'immersivelab.conf'\n", ct);
        // Only loopback TCP with passwords; the socket is private to the server's OS user.
        await File.WriteAllTextAsync(Path.Combine(PgData, "pg_hba.conf"),
            "local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n", ct);
    }

    private async Task<int?> RunningPortAsync(PostgresBinaries bin, CancellationToken ct)
    {
        var pidFile = Path.Combine(PgData, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var status = await ProcessRunner.RunAsync(bin.PgCtl, ["status", "-D", PgData], ct);
        if (status.ExitCode != 0) return null; // stale pid file: pg_ctl start handles it
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        return lines.Length > 3 && int.TryParse(lines[3], out var p) ? p : null;
    }

    private int ChoosePort()
    {
        if (options.EmbeddedPort > 0) return options.EmbeddedPort;
        var portFile = Path.Combine(DataRoot, "port");
        if (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile), out var previous) && IsFree(previous))
            return previous;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAcceptingAsync(string cs, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    private string TailOfLog()
    {
        try
        {
            return File.Exists(LogFile) ? "\n--- end of " + LogFile + " ---\n" + string.Join('\n', File.ReadLines(LogFile).TakeLast(15)) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static long TotalMemoryBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
