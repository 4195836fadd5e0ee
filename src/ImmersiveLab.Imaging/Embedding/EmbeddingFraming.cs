namespace ImmersiveLab.Imaging;

/// <summary>How a picture is fitted into the model's square input.</summary>
public enum EmbeddingFraming
{
    /// <summary>
    /// The whole picture, its longer side scaled to the input size and centred; the rest of the square is the
    /// ImageNet mean colour (zero after normalisation, what the network treats as "nothing"). Nothing is cut off.
    /// </summary>
    Letterbox,

    /// <summary>The Model Zoo's classification preprocessing: shorter side to 256, the central 224×224 cut out.</summary>
    CentreCrop,
}

/// <summary>
/// Everything that decides the embedding's values besides the model file: how the picture is framed and whether the
/// embedding of its mirror image is averaged in. <see cref="Id"/> goes into stored data's version stamps (the lab
/// template is rebuilt when it changes).
/// </summary>
public sealed record EmbeddingPreprocessing(EmbeddingFraming Framing, bool AverageMirror)
{
    /// <summary>
    /// What the lab uses: letterbox, one pass. Chosen by <c>imlab evaluate --compare</c> (bench/README.md): letterbox beats
    /// the centre crop beyond the model's noise; averaging the mirror image gained nothing measurable for twice the inference.
    /// </summary>
    public static EmbeddingPreprocessing Default { get; } = new(EmbeddingFraming.Letterbox, AverageMirror: false);

    /// <summary>The preprocessing of the first versions of the lab (centre crop, one pass).</summary>
    public static EmbeddingPreprocessing Classic { get; } = new(EmbeddingFraming.CentreCrop, AverageMirror: false);

    /// <summary>Bump the trailing number when the pixels the model sees change for the same settings.</summary>
    public string Id => $"{(Framing == EmbeddingFraming.Letterbox ? "letterbox" : "centre-crop")}{(AverageMirror ? "+mirror" : "")}/2";

    /// <summary>Inferences per image.</summary>
    public int Passes => AverageMirror ? 2 : 1;
}
