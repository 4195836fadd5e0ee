using System.Net;

namespace ImmersiveLab.Imaging.Tests.Embedding;

public sealed class ModelStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("imlab-model-").FullName;
    private static readonly string SharedModel = Path.Combine(TestPaths.ModelsFolder, ModelManifest.MobileNetV2Int8.FileName);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Dir(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private ModelStore Store(IEnumerable<string> fallbacks, HttpMessageHandler? handler = null, bool allowDownload = false, bool onDemand = true) =>
        new(new ModelOptions
        {
            ModelDirectory = Path.Combine(_root, "installed"),
            BundledDirectory = "",
            FallbackDirectories = fallbacks.ToList(),
            AllowDownload = allowDownload,
            InstallFromFallbackOnDemand = onDemand,
        }, () => new HttpClient(handler ?? new FailingHandler()));

    private string CorruptedCopy()
    {
        var dir = Dir("corrupt");
        var bytes = File.ReadAllBytes(SharedModel);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(dir, ModelManifest.MobileNetV2Int8.FileName), bytes);
        return dir;
    }

    [Fact]
    public void Manifest_describes_the_model_zoo_file()
    {
        var manifest = ModelManifest.MobileNetV2Int8;

        Assert.StartsWith("cc028fe6", manifest.Sha256);
        Assert.Equal(3_655_033, manifest.SizeBytes);
        Assert.Equal("464_quantized", manifest.Embedding.Tensor);
        Assert.Equal(1280, manifest.Embedding.Dimensions);
        Assert.Equal((256, 224), (manifest.Input.ResizeShorterSide, manifest.Input.CentreCrop));
        Assert.Equal("Apache-2.0", manifest.Licence);
        Assert.StartsWith("https://github.com/onnx/models/", manifest.SourceUrl);
        Assert.Equal(1000, ImageNetLabels.All.Count);
        Assert.Equal("tench, Tinca tinca", ImageNetLabels.Get(0));
    }

    [Fact]
    public async Task Without_a_model_the_status_says_how_to_get_one()
    {
        var status = await Store([Dir("empty")]).GetStatusAsync(CancellationToken.None);

        Assert.False(status.IsAvailable);
        Assert.Equal(ModelProblem.NotInstalled, status.Problem);
        Assert.Contains("imlab model fetch", status.Message);
    }

    [Fact]
    public async Task Model_is_installed_from_a_fallback_folder_and_verified()
    {
        var store = Store([Dir("empty"), TestPaths.ModelsFolder]);

        var path = await store.LocateAsync(CancellationToken.None);

        Assert.Equal(store.InstalledPath, path);
        Assert.Equal(ModelManifest.MobileNetV2Int8.SizeBytes, new FileInfo(path).Length);
        Assert.Empty(Directory.GetFiles(store.ModelDirectory, "*.part"));
    }

    [Fact]
    public async Task Corrupted_fallback_copy_is_refused()
    {
        var status = await Store([CorruptedCopy()]).GetStatusAsync(CancellationToken.None);

        Assert.False(status.IsAvailable);
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => Store([CorruptedCopy()], onDemand: true).FetchAsync(null, CancellationToken.None));
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public async Task Corrupted_installed_file_is_refused_with_a_clear_message()
    {
        var store = Store([]);
        Directory.CreateDirectory(store.ModelDirectory);
        File.Copy(Path.Combine(CorruptedCopy(), ModelManifest.MobileNetV2Int8.FileName), store.InstalledPath);

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => store.LocateAsync(CancellationToken.None));

        Assert.Equal(ModelProblem.ChecksumMismatch, error.Problem);
        Assert.Contains("refused", error.Message);
    }

    [Fact]
    public async Task Fetch_replaces_a_corrupted_installed_file_from_the_fallback_when_offline()
    {
        var store = Store([TestPaths.ModelsFolder], allowDownload: true);
        Directory.CreateDirectory(store.ModelDirectory);
        File.Copy(Path.Combine(CorruptedCopy(), ModelManifest.MobileNetV2Int8.FileName), store.InstalledPath);
        var steps = new List<string>();

        await store.FetchAsync(new Progress<string>(steps.Add), CancellationToken.None);

        await store.VerifyAsync(store.InstalledPath, CancellationToken.None);
        Assert.True(steps.Count == 0 || steps.Any(s => s.Contains("failed")));
    }

    [Fact]
    public async Task Fetch_downloads_from_the_manifest_url_and_verifies()
    {
        var handler = new ServingHandler(File.ReadAllBytes(SharedModel));
        var store = Store([], handler, allowDownload: true);

        var path = await store.FetchAsync(null, CancellationToken.None);

        Assert.Equal(ModelManifest.MobileNetV2Int8.SourceUrl, handler.RequestedUrl);
        await store.VerifyAsync(path, CancellationToken.None);
    }

    [Fact]
    public async Task A_download_with_the_wrong_content_is_refused_and_not_installed()
    {
        var store = Store([], new ServingHandler("<html>rate limited</html>"u8.ToArray()), allowDownload: true);

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => store.FetchAsync(null, CancellationToken.None));

        Assert.Equal(ModelProblem.FetchFailed, error.Problem);
        Assert.False(File.Exists(store.InstalledPath));
        Assert.Empty(Directory.GetFiles(store.ModelDirectory));
    }

    /// <summary>A fresh clone: ImmersiveLab.sln and the committed models/ folder, no ../shared beside it.</summary>
    private string FreshClone()
    {
        var clone = Dir("clone");
        File.WriteAllText(Path.Combine(clone, "ImmersiveLab.sln"), "");
        var models = Directory.CreateDirectory(Path.Combine(clone, "models")).FullName;
        File.Copy(Path.Combine(TestPaths.RepoRoot, "models", ModelManifest.MobileNetV2Int8.FileName), Path.Combine(models, ModelManifest.MobileNetV2Int8.FileName));
        return clone;
    }

    [Fact]
    public async Task A_fresh_clone_without_shared_folder_or_network_uses_the_copy_in_the_repository()
    {
        var clone = FreshClone();
        // Default search paths (models/ in the repository, ../shared/models as fallback), downloads allowed but failing.
        var store = new ModelStore(new ModelOptions { ModelDirectory = Path.Combine(_root, "data", "models"), RepositoryDirectory = clone },
            () => new HttpClient(new FailingHandler()));
        Assert.False(Directory.Exists(Path.Combine(_root, "shared")));

        var status = await store.GetStatusAsync(CancellationToken.None);

        Assert.True(status.IsAvailable, status.Message);
        Assert.Equal(ModelSource.Repository, status.Source);
        Assert.Equal(Path.Combine(clone, "models", ModelManifest.MobileNetV2Int8.FileName), status.Path);
        Assert.Contains("repository", status.Message);
        Assert.False(Directory.Exists(store.ModelDirectory)); // used where it is, nothing copied
    }

    [Fact]
    public async Task The_committed_model_matches_the_manifest_and_its_checksum_file()
    {
        var models = Path.Combine(TestPaths.RepoRoot, "models");
        var store = Store([]);
        await store.VerifyAsync(Path.Combine(models, ModelManifest.MobileNetV2Int8.FileName), CancellationToken.None);

        Assert.Equal($"{ModelManifest.MobileNetV2Int8.Sha256}  {ModelManifest.MobileNetV2Int8.FileName}", File.ReadAllText(Path.Combine(models, "SHA256SUMS")).Trim());
        Assert.Contains("Apache License", File.ReadAllText(Path.Combine(models, "LICENSE")));
    }

    [Fact]
    public async Task A_corrupted_repository_copy_is_refused()
    {
        var clone = FreshClone();
        var path = Path.Combine(clone, "models", ModelManifest.MobileNetV2Int8.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[1000] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var store = new ModelStore(new ModelOptions { ModelDirectory = Path.Combine(_root, "data"), RepositoryDirectory = clone, FallbackDirectories = [] },
            () => new HttpClient(new FailingHandler()));

        var status = await store.GetStatusAsync(CancellationToken.None);

        Assert.False(status.IsAvailable);
        Assert.Equal(ModelProblem.ChecksumMismatch, status.Problem);
    }

    [Fact]
    public async Task An_installed_model_says_where_it_came_from_and_takes_precedence_over_the_repository_copy()
    {
        var downloaded = new ModelStore(new ModelOptions { ModelDirectory = Dir("downloaded"), RepositoryDirectory = FreshClone(), FallbackDirectories = [] },
            () => new HttpClient(new ServingHandler(File.ReadAllBytes(SharedModel))));
        await downloaded.FetchAsync(null, CancellationToken.None);
        var status = await downloaded.GetStatusAsync(CancellationToken.None);
        Assert.Equal((ModelSource.Downloaded, ModelManifest.MobileNetV2Int8.SourceUrl, downloaded.InstalledPath), (status.Source!.Value, status.Origin, status.Path));

        var copied = Store([TestPaths.ModelsFolder]);
        await copied.LocateAsync(CancellationToken.None);
        var copiedStatus = await copied.GetStatusAsync(CancellationToken.None);
        Assert.Equal((ModelSource.CopiedFromFolder, TestPaths.ModelsFolder), (copiedStatus.Source!.Value, copiedStatus.Origin));
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Name or service not known (offline test)");
    }

    private sealed class ServingHandler(byte[] body) : HttpMessageHandler
    {
        public string? RequestedUrl { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            RequestedUrl = request.RequestUri!.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }
}
