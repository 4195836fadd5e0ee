using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImmersiveLab.Imaging;

/// <summary>Everything the lab needs to know about a model file: where it comes from, how to verify it, how to feed it.</summary>
public sealed record ModelManifest(
    string Name,
    string Description,
    string FileName,
    string SourceUrl,
    string Sha256,
    long SizeBytes,
    string Licence,
    string LicenceUrl,
    int Opset,
    ModelInputSpec Input,
    ModelLogitsSpec Logits,
    ModelEmbeddingSpec Embedding)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The manifest of MobileNetV2 int8, embedded in this assembly.</summary>
    public static ModelManifest MobileNetV2Int8 { get; } = LoadEmbedded("mobilenetv2-12-int8.manifest.json");

    public static ModelManifest Parse(string json) =>
        JsonSerializer.Deserialize<ModelManifest>(json, JsonOptions) ?? throw new InvalidDataException("Empty model manifest.");

    private static ModelManifest LoadEmbedded(string name)
    {
        using var stream = typeof(ModelManifest).Assembly.GetManifestResourceStream("ImmersiveLab.Imaging." + name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

public sealed record ModelInputSpec(
    string Name,
    int[] Shape,
    string Layout,
    string Channels,
    float PixelScale,
    float[] Mean,
    float[] Std,
    int ResizeShorterSide,
    int CentreCrop);

public sealed record ModelLogitsSpec(string Name, int Classes, string Labels);

public sealed record ModelEmbeddingSpec(
    string Tensor,
    string Producer,
    string ElementType,
    int[] Shape,
    string ScaleInitializer,
    string ZeroPointInitializer,
    float Scale,
    int ZeroPoint,
    int Dimensions,
    string Normalisation,
    string Distance);
