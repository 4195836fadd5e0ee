namespace ImmersiveLab.Imaging;

/// <summary>
/// The vectors the lab stores for an image: imgsmlr pattern (as <c>vector(4096)</c>, the extension's order) and
/// signature (<c>vector(16)</c>), and the MobileNetV2 embedding (<c>vector(1280)</c>) when the model is available.
/// </summary>
/// <param name="EmbeddingUnavailableReason">Why <see cref="Embedding"/> is null, for display.</param>
public sealed record ImageFeatures(
    ImageFormat Format,
    int Width,
    int Height,
    ImgsmlrPattern Pattern,
    ImgsmlrSignature Signature,
    float[]? Embedding,
    IReadOnlyList<ImageNetGuess>? TopClasses,
    string? EmbeddingUnavailableReason);
