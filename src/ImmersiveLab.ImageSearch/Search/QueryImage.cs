using ImmersiveLab.Imaging;

namespace ImmersiveLab.ImageSearch;

/// <summary>
/// An image the learner gave (upload, paste or a picked sample), validated and converted: every imgsmlr step
/// and, when the model is available, the MobileNetV2 embedding.
/// </summary>
/// <param name="FileName">The name to show (a file's name, or "category/file" of a sample).</param>
/// <param name="SampleId">The <c>lab.sample_images</c> id when the image was picked from the samples.</param>
/// <param name="Analysis">imgsmlr's steps; its <see cref="ImgsmlrAnalysis.Decoded"/> is a preview-sized copy of the decoded picture.</param>
/// <param name="EmbeddingUnavailable">Why <see cref="Embedding"/> is null: what to do to get the model.</param>
public sealed record QueryImage(
    string FileName,
    byte[] Bytes,
    ImageHeaderInfo Header,
    ImgsmlrAnalysis Analysis,
    ImageEmbedding? Embedding,
    string? EmbeddingUnavailable,
    int? SampleId = null)
{
    /// <summary>Size of the decoded picture (as libgd reads it: a GIF's first frame).</summary>
    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>A uniform image (one grey level after the 64×64 resample) has a NaN pattern and signature.</summary>
    public bool IsUniform => Analysis.Signature.Values.Any(float.IsNaN);

    /// <summary>Why the signature cannot be searched with, or null when it can.</summary>
    public string? SignatureProblem => IsUniform
        ? "This image has a single grey level once shrunk to 64×64, so min-max normalisation divides 0 by 0: its pattern " +
          "and signature are NaN (not a number), as the imgsmlr extension computes them. pgvector refuses NaN in a vector, " +
          "and a NaN distance orders nothing, so there is no signature search for this image. Try a picture with some contrast."
        : null;

    public string SignatureText => ImgsmlrText.Format(Analysis.Signature);
}
