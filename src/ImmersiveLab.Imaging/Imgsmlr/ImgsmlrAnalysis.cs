namespace ImmersiveLab.Imaging;

/// <summary>
/// Every step of imgsmlr's image → signature conversion, for display. Matrices of 4096 values use the
/// extension's i-major order (index = 64·x + y, x the column).
/// </summary>
/// <param name="Decoded">The decoded image in libgd's terms (RGB + 7-bit alpha).</param>
/// <param name="Thumbnail">The 64×64 resample composited on black (row-major RGBA7, alpha always 0).</param>
/// <param name="Grey">RMS grey of the thumbnail, 0..1.</param>
/// <param name="NormalisedGrey">Grey after min-max normalisation (all NaN for a uniform image).</param>
/// <param name="Pattern">The Haar pattern the extension stores.</param>
/// <param name="Signature">The 16-value signature.</param>
/// <param name="Notes">Where this decode followed or could not follow libgd, in words.</param>
public sealed record ImgsmlrAnalysis(
    ImageFormat? Format,
    GdImage Decoded,
    GdImage Thumbnail,
    float[] Grey,
    float[] NormalisedGrey,
    ImgsmlrPattern Pattern,
    ImgsmlrSignature Signature,
    IReadOnlyList<string> Notes)
{
    public int Width => Decoded.Width;
    public int Height => Decoded.Height;

    /// <summary>The SQL function the extension would use for this file, or null if it cannot read the format.</summary>
    public string? ImgsmlrFunction => Format?.ImgsmlrFunction();
}
