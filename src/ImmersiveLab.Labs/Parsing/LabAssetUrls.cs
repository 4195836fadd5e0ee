namespace ImmersiveLab.Labs;

/// <summary>Where the web app serves a lab's own files, and which image URLs an author wrote point there.</summary>
public static class LabAssetUrls
{
    /// <summary>Root-relative URL prefix of the repository's sample images.</summary>
    public const string SamplesPrefix = "/samples/";

    /// <summary>The URL of a file of the lab's folder, e.g. ("welcome", "images/x.png") → "/labs/welcome/assets/images/x.png".</summary>
    public static string AssetUrl(string labId, string relativePath) =>
        $"/labs/{Uri.EscapeDataString(labId)}/assets/{relativePath}";

    /// <summary>True for a URL relative to the lab folder (no scheme, not starting with '/', '#' or '?').</summary>
    public static bool IsLabRelative(string url) =>
        url.Length > 0
        && url[0] is not ('/' or '#' or '?' or '\\')
        && !Uri.TryCreate(url, UriKind.Absolute, out _)
        && !url.Contains(':');

    /// <summary>Rewrites a lab-relative URL to <see cref="AssetUrl"/>; any other URL is returned as it is.</summary>
    public static string Rewrite(string url, string labId) =>
        IsLabRelative(url) ? AssetUrl(labId, url.StartsWith("./", StringComparison.Ordinal) ? url[2..] : url) : url;
}
