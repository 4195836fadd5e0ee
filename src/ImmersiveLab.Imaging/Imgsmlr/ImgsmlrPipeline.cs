namespace ImmersiveLab.Imaging;

/// <summary>
/// imgsmlr's <c>jpeg2pattern</c>/<c>png2pattern</c>/<c>gif2pattern</c> + <c>pattern2signature</c> in C#:
/// decode (libgd semantics) → 64×64 area resample onto black → RMS grey → min-max → Haar → signature.
/// </summary>
public static class ImgsmlrPipeline
{
    /// <summary>Analyses image bytes. Validate untrusted input with <see cref="ImageValidator"/> first.</summary>
    public static ImgsmlrAnalysis Analyse(byte[] bytes)
    {
        var decoded = LibGdDecoder.Decode(bytes);
        return Analyse(decoded.Image, decoded.Format, decoded.Notes);
    }

    /// <summary>Everything after decoding; bit-exact with the extension.</summary>
    public static ImgsmlrAnalysis Analyse(GdImage decoded, ImageFormat format, IReadOnlyList<string>? notes = null)
    {
        var thumbnail = GdResampler.ResampleOntoBlack(decoded);
        var analysis = FromThumbnail(thumbnail);
        return analysis with { Format = format, Decoded = decoded, Notes = [.. notes ?? [], .. analysis.Notes] };
    }

    /// <summary>Everything after the resample, from a 64×64 RGBA7 thumbnail.</summary>
    public static ImgsmlrAnalysis FromThumbnail(GdImage thumbnail)
    {
        var grey = PatternBuilder.Grey(thumbnail);
        var normalised = PatternBuilder.Normalise(grey);
        var pattern = PatternBuilder.Haar(normalised);
        IReadOnlyList<string> notes = float.IsNaN(normalised[0])
            ? ["The 64×64 image has a single grey level: min-max normalisation divides 0 by 0, so the pattern, the signature and every distance to it are NaN, as in the extension."]
            : [];
        return new ImgsmlrAnalysis(null, thumbnail, thumbnail, grey, normalised, pattern, ImgsmlrSignature.FromPattern(pattern), notes);
    }
}
