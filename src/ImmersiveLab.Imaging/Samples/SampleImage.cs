namespace ImmersiveLab.Imaging;

/// <summary>One of the lab's sample photos with its provenance, as listed in sample-images/catalog.tsv.</summary>
public sealed record SampleImage(
    string Category,
    string FileName,
    int Width,
    int Height,
    ImageFormat Format,
    string SourcePackage,
    string PackageVersion,
    string OriginalPath,
    string Licence,
    string Author,
    byte[] Bytes)
{
    /// <summary>"category/file", the path under sample-images/.</summary>
    public string RelativePath => $"{Category}/{FileName}";
}
