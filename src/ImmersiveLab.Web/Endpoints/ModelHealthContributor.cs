using ImmersiveLab.Imaging;

namespace ImmersiveLab.Web.Endpoints;

/// <summary>
/// The "model" section of /health: is the embedding model verified and in use, where it came from ("repository": the
/// copy shipped in models/; "downloaded"; "copied-from-folder"; "placed-by-hand"), and the preprocessing in use.
/// </summary>
public sealed class ModelHealthContributor(ModelStore models, ImageEmbedder embedder) : IHealthContributor
{
    public string Name => "model";

    public async Task<HealthSection> ReportAsync(CancellationToken ct)
    {
        var status = await models.GetStatusAsync(ct);
        return new HealthSection(status.IsAvailable, new
        {
            available = status.IsAvailable,
            name = models.Manifest.Name,
            source = status.Source is { } s ? SourceName(s) : null,
            path = status.Path,
            origin = status.Origin,
            preprocessing = embedder.Preprocessing.Id,
            message = status.Message,
        });
    }

    public static string SourceName(ModelSource source) => source switch
    {
        ModelSource.Repository => "repository",
        ModelSource.Downloaded => "downloaded",
        ModelSource.CopiedFromFolder => "copied-from-folder",
        _ => "placed-by-hand",
    };
}
