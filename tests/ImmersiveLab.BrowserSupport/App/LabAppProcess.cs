using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ImmersiveLab.BrowserSupport.App;

/// <summary>
/// The web app running as its own OS process (so /proc shows its memory and CPU apart from the browsers', and it can
/// be killed as a crash kills it), Production, on a loopback port, with its data directory (its embedded PostgreSQL
/// cluster included), the repository's labs and sample images, and an instructor token. Disposal stops the app, makes
/// sure its PostgreSQL is gone too, and deletes the data directory when it made it.
/// </summary>
public sealed class LabAppProcess : IAsyncDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly bool _ownsData;

    private LabAppProcess(Process process, LabAppLog log, string dataDirectory, bool ownsData, string baseUrl, int port)
    {
        _process = process;
        _ownsData = ownsData;
        Log = log;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        Port = port;
    }

    public int Pid => _process.Id;
    public string BaseUrl { get; }
    public int Port { get; }
    public LabAppLog Log { get; }
    public string DataDirectory { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>The app built by the test run (src/ImmersiveLab.Web's build output in the tests' configuration).</summary>
    public static string BuildOutput() =>
        Path.Combine(ImmersiveLab.TestSupport.RepoPaths.Root, "src", "ImmersiveLab.Web", "bin",
            AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
            "net10.0");

    public static Task<LabAppProcess> StartAsync(string appDirectory, string repositoryRoot, string instructorToken, string logPath, CancellationToken ct) =>
        StartAsync(new LabAppProcessOptions(appDirectory, repositoryRoot, instructorToken, logPath), ct);

    public static async Task<LabAppProcess> StartAsync(LabAppProcessOptions options, CancellationToken ct)
    {
        var (appDirectory, repositoryRoot, instructorToken, logPath) = (options.AppDirectory, options.RepositoryRoot, options.InstructorToken, options.LogPath);
        var ownsData = options.DataDirectory is null;
        var data = options.DataDirectory ?? Directory.CreateTempSubdirectory("imlab-app-").FullName;
        var port = options.Port > 0 ? options.Port : FreeLoopbackPort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(appDirectory, "ImmersiveLab.Web.dll"), "--urls", url }) start.ArgumentList.Add(arg);
        start.Environment.Remove("ConnectionStrings__Admin"); // always the app's own embedded cluster
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["LAB_DATA"] = data;
        start.Environment["Database__DataDirectory"] = data;
        start.Environment["Classroom__InstructorToken"] = instructorToken;
        start.Environment["Labs__LabsDirectory"] = Path.Combine(repositoryRoot, "labs");
        start.Environment["Labs__SampleImagesDirectory"] = Path.Combine(repositoryRoot, "sample-images");
        // Timestamps, to line the log up with the run's phases (without a formatter name, the console logger takes
        // its deprecated options, which have none).
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        var models = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "models"));
        if (Directory.Exists(models)) start.Environment["Imaging__Model__FallbackDirectories__0"] = models;
        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var log = new LabAppLog(logPath);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        if (!process.Start()) throw new InvalidOperationException("The app did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new LabAppProcess(process, log, data, ownsData, url, port);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(StartTimeout);
            var exited = process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(log.Ready, exited);
            if (first != log.Ready)
            {
                await first; // cancellation or timeout surfaces here
                throw new InvalidOperationException($"The app exited ({process.ExitCode}) before it was ready; see {logPath}.");
            }
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The embedded cluster's postmaster (its pid file is under the data directory), or null.</summary>
    public int? PostmasterPid()
    {
        try
        {
            var pidFile = Directory.EnumerateFiles(DataDirectory, "postmaster.pid", SearchOption.AllDirectories).FirstOrDefault();
            if (pidFile is null) return null;
            return int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// What a crash or the OOM killer does: SIGKILL, no shutdown. The embedded PostgreSQL it started keeps running, as
    /// it would; the next app on the same data directory takes it over. The log stays open until disposal.
    /// </summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        Kill(_process.Id, SigKill);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        var postmaster = PostmasterPid();
        if (!_process.HasExited)
        {
            // Ctrl+C's signal: the app stops its cluster on the way out.
            Kill(_process.Id, SigTerm);
            using var stop = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        if (postmaster is { } pid && IsPostgres(pid)) await StopPostgresAsync(pid);
        _process.Dispose();
        Log.Dispose();
        if (_ownsData)
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A cluster the app left running (it was killed): fast shutdown by its pid.</summary>
    private static async Task StopPostgresAsync(int pid)
    {
        Kill(pid, SigInt);
        for (var i = 0; i < 300 && IsPostgres(pid); i++) await Task.Delay(100);
        if (IsPostgres(pid)) Process.GetProcessById(pid).Kill();
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void Kill(int pid, int signal) => _ = NativeKill(pid, signal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);
}
