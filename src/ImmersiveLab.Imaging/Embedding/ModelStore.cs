using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Finds and installs the embedding model. In use, in this order: a verified file in the model directory (put there by
/// <c>imlab model fetch</c> — a download from the manifest's source URL — or by hand), else the verified copy that
/// ships in the repository's models/ folder (used where it is, so an offline machine has embeddings from the first
/// start), else a verified copy from a configured fallback folder, installed into the model directory. A file with the
/// wrong checksum is never used. Each installed file has a ".origin" note beside it saying where it came from.
/// </summary>
public sealed class ModelStore
{
    public const string HttpClientName = "ImmersiveLab.Imaging.ModelStore";
    private const string FetchHint = "Run `imlab model fetch` to download and verify it";

    private readonly ModelOptions _options;
    private readonly Func<HttpClient> _httpClient;
    private readonly ILogger<ModelStore> _logger;
    private readonly SemaphoreSlim _installLock = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Length, DateTime Written)> _verified = new();

    public ModelStore(IOptions<ModelOptions> options, IHttpClientFactory httpClientFactory, ILogger<ModelStore> logger)
        : this(options.Value, () => httpClientFactory.CreateClient(HttpClientName), logger, ModelManifest.MobileNetV2Int8) { }

    public ModelStore(ModelOptions options, Func<HttpClient> httpClient, ILogger<ModelStore>? logger = null, ModelManifest? manifest = null)
    {
        _options = options;
        _httpClient = httpClient;
        _logger = logger ?? NullLogger<ModelStore>.Instance;
        Manifest = manifest ?? ModelManifest.MobileNetV2Int8;
        ModelDirectory = options.ResolveModelDirectory();
    }

    public ModelManifest Manifest { get; }

    public string ModelDirectory { get; }

    public string InstalledPath => Path.Combine(ModelDirectory, Manifest.FileName);

    /// <summary>The repository's copy (models/ beside ImmersiveLab.sln, or the configured folder), if there is one.</summary>
    public string? BundledPath => _options.ResolveBundledDirectory() is { } dir ? Path.Combine(dir, Manifest.FileName) : null;

    private string OriginNotePath => InstalledPath + ".origin";

    /// <summary>Checks the file in use and says where it came from (and, if allowed, installs from a fallback folder). Never downloads.</summary>
    public async Task<ModelStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var path = await LocateAsync(cancellationToken);
            var (source, origin) = SourceOf(path);
            var where = source switch
            {
                ModelSource.Repository => $"the copy shipped in the repository, {path}",
                ModelSource.Downloaded => $"{path}, downloaded from {origin}",
                ModelSource.CopiedFromFolder => $"{path}, copied from {origin}",
                _ => $"{path} (placed by hand)",
            };
            return new ModelStatus(true, path, null, $"{Manifest.Name} is verified and in use: {where}.", source, origin);
        }
        catch (ModelUnavailableException e)
        {
            return new ModelStatus(false, null, e.Problem, e.Message);
        }
    }

    /// <summary>The path of a verified model file, or <see cref="ModelUnavailableException"/> saying how to get one.</summary>
    public async Task<string> LocateAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(InstalledPath))
        {
            await VerifyAsync(InstalledPath, cancellationToken);
            return InstalledPath;
        }
        if (BundledPath is { } bundled && File.Exists(bundled))
        {
            await VerifyAsync(bundled, cancellationToken);
            return bundled;
        }
        if (_options.InstallFromFallbackOnDemand && await TryInstallFromFallbackAsync(cancellationToken) is { } installed)
            return installed;
        throw new ModelUnavailableException(ModelProblem.NotInstalled,
            $"The image embedding model ({Manifest.Name}) is not available. {FetchHint} into {ModelDirectory}, " +
            $"or place {Manifest.FileName} (sha256 {Manifest.Sha256}) there yourself.");
    }

    private (ModelSource Source, string? Origin) SourceOf(string path)
    {
        if (path != InstalledPath) return (ModelSource.Repository, Path.GetDirectoryName(path));
        try
        {
            var note = File.Exists(OriginNotePath) ? File.ReadAllText(OriginNotePath).Trim() : "";
            if (note.StartsWith("http://", StringComparison.Ordinal) || note.StartsWith("https://", StringComparison.Ordinal)) return (ModelSource.Downloaded, note);
            if (note.Length > 0) return (ModelSource.CopiedFromFolder, note);
        }
        catch (IOException)
        {
        }
        return (ModelSource.PlacedByHand, null);
    }

    /// <summary>
    /// <c>imlab model fetch</c>: keeps a valid installed file, else downloads and verifies, else copies from a
    /// fallback folder. Reports each step to <paramref name="progress"/>.
    /// </summary>
    public async Task<string> FetchAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        if (File.Exists(InstalledPath))
        {
            try
            {
                await VerifyAsync(InstalledPath, cancellationToken);
                progress?.Report($"{Manifest.Name} is already installed and verified at {InstalledPath}.");
                return InstalledPath;
            }
            catch (ModelUnavailableException e)
            {
                failures.Add(e.Message);
                progress?.Report(e.Message + " It will be replaced.");
            }
        }

        if (_options.AllowDownload)
        {
            progress?.Report($"Downloading {Manifest.SourceUrl} …");
            try
            {
                await DownloadAsync(cancellationToken);
                progress?.Report($"Downloaded and verified {InstalledPath}.");
                return InstalledPath;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or ModelUnavailableException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var message = $"Download from {Manifest.SourceUrl} failed: {e.Message}";
                _logger.LogWarning("{Message}", message);
                failures.Add(message);
                progress?.Report(message);
            }
        }

        if (await TryInstallFromFallbackAsync(cancellationToken, failures) is { } installed)
        {
            progress?.Report($"Installed a verified copy at {installed}.");
            return installed;
        }
        throw new ModelUnavailableException(ModelProblem.FetchFailed,
            $"Could not obtain {Manifest.Name}. " + string.Join(" ", failures) +
            $" Download {Manifest.SourceUrl} yourself and place it in {ModelDirectory}.");
    }

    /// <summary>Refuses a file whose size or SHA-256 differs from the manifest. A file already verified and unchanged
    /// since (same size and time) is not hashed again.</summary>
    public async Task VerifyAsync(string path, CancellationToken cancellationToken)
    {
        var stamp = Stamp(path);
        if (stamp is not null && _verified.TryGetValue(path, out var known) && known == stamp) return;
        await HashAndCompareAsync(path, cancellationToken);
        if (stamp is not null) _verified[path] = stamp.Value;
    }

    private static (long Length, DateTime Written)? Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
    }

    private async Task HashAndCompareAsync(string path, CancellationToken cancellationToken)
    {
        string actual;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelUnavailableException(ModelProblem.Unreadable, $"The model file {path} cannot be read: {e.Message}", e);
        }
        if (!string.Equals(actual, Manifest.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelUnavailableException(ModelProblem.ChecksumMismatch,
                $"The model file {path} is not the expected {Manifest.Name}: its SHA-256 is {actual}, expected {Manifest.Sha256}. " +
                $"It was refused. {FetchHint} again.");
    }

    private async Task DownloadAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.DownloadTimeoutSeconds));
        var client = _httpClient();
        using var response = await client.GetAsync(Manifest.SourceUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        await InstallAsync(body, Manifest.SourceUrl, timeout.Token);
    }

    private async Task<string?> TryInstallFromFallbackAsync(CancellationToken cancellationToken, List<string>? failures = null)
    {
        foreach (var dir in _options.ResolveFallbackDirectories())
        {
            var candidate = Path.Combine(dir, Manifest.FileName);
            if (!File.Exists(candidate)) continue;
            try
            {
                await VerifyAsync(candidate, cancellationToken);
                await using var source = new FileStream(candidate, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                await InstallAsync(source, dir, cancellationToken);
                _logger.LogInformation("Installed {Model} from {Source} into {Target}", Manifest.Name, candidate, InstalledPath);
                return InstalledPath;
            }
            catch (ModelUnavailableException e)
            {
                _logger.LogWarning("Fallback copy refused: {Message}", e.Message);
                failures?.Add(e.Message);
            }
        }
        return null;
    }

    /// <summary>Writes to a temporary file beside the target, verifies it, then renames it into place.</summary>
    private async Task InstallAsync(Stream source, string origin, CancellationToken cancellationToken)
    {
        await _installLock.WaitAsync(cancellationToken);
        var temp = InstalledPath + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            Directory.CreateDirectory(ModelDirectory);
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > Manifest.SizeBytes)
                        throw new ModelUnavailableException(ModelProblem.ChecksumMismatch, $"The model is larger than the expected {Manifest.SizeBytes} bytes; refused.");
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            await VerifyAsync(temp, cancellationToken);
            File.Move(temp, InstalledPath, overwrite: true);
            await File.WriteAllTextAsync(OriginNotePath, origin + Environment.NewLine, CancellationToken.None);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            _installLock.Release();
        }
    }
}
