namespace ImmersiveLab.Ui.Results.Images;

/// <summary>Bytes loaded for an image link, or why there are none.</summary>
public sealed record ImageLoadResult(byte[]? Bytes, string? Problem, bool NotFound = false)
{
    public static ImageLoadResult Found(byte[] bytes) => new(bytes, null);
    public static ImageLoadResult Missing(string problem) => new(null, problem, NotFound: true);
    public static ImageLoadResult TooLarge(string problem) => new(null, problem);
}
