using System.Text.Json;
using ImmersiveLab.Imaging;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Endpoints;

namespace ImmersiveLab.Web.Tests.Endpoints;

public sealed class ModelHealthContributorTests
{
    [Fact]
    public async Task A_fresh_clone_without_shared_folder_or_network_reports_the_repository_model_as_available()
    {
        // A copy of what a clone has (the solution file and models/), with no ../shared beside it and no model installed.
        using var temp = new TempDirectory();
        var clone = Directory.CreateDirectory(Path.Combine(temp.Path, "immersivelab")).FullName;
        File.Copy(Path.Combine(RepoPaths.Root, "ImmersiveLab.sln"), Path.Combine(clone, "ImmersiveLab.sln"));
        Directory.CreateDirectory(Path.Combine(clone, "models"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "models")))
            File.Copy(file, Path.Combine(clone, "models", Path.GetFileName(file)));
        var store = new ModelStore(new ModelOptions { ModelDirectory = Path.Combine(temp.Path, "data", "models"), RepositoryDirectory = clone },
            () => new HttpClient(new OfflineHandler()));
        using var embedder = new ImageEmbedder(store);

        var report = await new ModelHealthContributor(store, embedder).ReportAsync(CancellationToken.None);

        Assert.True(report.Healthy);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report.Details));
        var model = json.RootElement;
        Assert.True(model.GetProperty("available").GetBoolean(), model.ToString());
        Assert.Equal("repository", model.GetProperty("source").GetString());
        Assert.StartsWith(clone, model.GetProperty("path").GetString());
        Assert.Equal(embedder.Preprocessing.Id, model.GetProperty("preprocessing").GetString());
        Assert.True(await embedder.IsAvailableAsync(CancellationToken.None));
    }

    private sealed class OfflineHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("offline");
    }
}
