using ImmersiveLab.Imaging;

namespace ImmersiveLab.Web.Endpoints;

/// <summary>The "model" section of /health: is the embedding model installed and verified.</summary>
public sealed class ModelHealthContributor(ModelStore models) : IHealthContributor
{
    public string Name => "model";

    public async Task<object?> ReportAsync(CancellationToken ct)
    {
        var status = await models.GetStatusAsync(ct);
        return new { available = status.IsAvailable, name = ModelManifest.MobileNetV2Int8.Name, message = status.Message };
    }
}
