namespace ImmersiveLab.Ui.Results;

/// <summary>Bound from the "Results" configuration section.</summary>
public sealed class ResultsUiOptions
{
    public const string SectionName = "Results";

    /// <summary>Path the image endpoints are mapped under.</summary>
    public string ImageBasePath { get; set; } = "/lab-results/images";

    /// <summary>How long an image link stays valid after it was issued.</summary>
    public TimeSpan ImageLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Bytes of result images the link table may keep alive (bytea images are held by reference).</summary>
    public long ImageLinkCacheMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Thumbnail size (longest side, px) requested by grid cells; shown at half that for sharp HiDPI.</summary>
    public int GridThumbnailSize { get; set; } = 128;

    /// <summary>Thumbnail size requested by gallery cards.</summary>
    public int GalleryThumbnailSize { get; set; } = 320;

    /// <summary>Results with more rows than this are virtualized in the grid (only visible rows are rendered).</summary>
    public int VirtualizeAbove { get; set; } = 60;

    /// <summary>At most this many distinct oids of a result are probed for images stored as large objects.</summary>
    public int LargeObjectProbeLimit { get; set; } = 200;

    /// <summary>Results with an image column and at most this many rows open as a gallery.</summary>
    public int GalleryByDefaultUpTo { get; set; } = 48;
}
