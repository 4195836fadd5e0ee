namespace ImmersiveLab.Labs;

/// <summary>Configuration section "Labs".</summary>
public sealed class LabsOptions
{
    public const string SectionName = "Labs";

    /// <summary>The folder holding <c>NN-slug/</c> lab folders. A relative path is looked for in the current
    /// directory and its parents, so "labs" finds the repository's folder from src/ImmersiveLab.Web too.</summary>
    public string LabsDirectory { get; set; } = "labs";

    /// <summary>The repository's sample images, served as <c>/samples/…</c>; resolved like <see cref="LabsDirectory"/>.</summary>
    public string SampleImagesDirectory { get; set; } = "sample-images";

    public string ResolveLabsDirectory() => DirectoryLocator.Resolve(LabsDirectory);

    public string ResolveSampleImagesDirectory() => DirectoryLocator.Resolve(SampleImagesDirectory);
}
