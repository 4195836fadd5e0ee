namespace ImmersiveLab.Imaging;

/// <summary>The 1000 ImageNet-1k class names in index order (from @tensorflow-models/mobilenet, Apache-2.0).</summary>
public static class ImageNetLabels
{
    private static readonly Lazy<string[]> Labels = new(Load);

    public static IReadOnlyList<string> All => Labels.Value;

    public static string Get(int index) => Labels.Value[index];

    private static string[] Load()
    {
        using var stream = typeof(ImageNetLabels).Assembly.GetManifestResourceStream("ImmersiveLab.Imaging.imagenet-classes.txt")
            ?? throw new InvalidOperationException("Embedded resource imagenet-classes.txt is missing.");
        using var reader = new StreamReader(stream);
        var labels = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return labels.Length == 1000 ? labels : throw new InvalidDataException($"Expected 1000 ImageNet labels, found {labels.Length}.");
    }
}
