using ImmersiveLab.Labs;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Web.Endpoints;

public static class LabAssetEndpoints
{
    private static readonly HashSet<string> RasterExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp" };

    // Lab authors' diagrams may be SVG (repository content, shown through <img>, where scripts never run);
    // sample images are photos only.
    private static readonly HashSet<string> LabAssetExtensions = new(RasterExtensions.Append(".svg"), StringComparer.OrdinalIgnoreCase);

    /// <summary>Pictures of the labs (/labs/{id}/assets/…) and the repository's sample images (/samples/…).
    /// Only image files inside those folders are served.</summary>
    public static IEndpointRouteBuilder MapLabAssets(this IEndpointRouteBuilder endpoints)
    {
        var types = new FileExtensionContentTypeProvider();
        endpoints.MapGet("/labs/{labId}/assets/{**path}", (string labId, string path, ILabCatalog catalog) =>
            catalog.Find(labId) is { } lab ? Serve(lab.DirectoryPath, path, LabAssetExtensions, types) : Results.NotFound());
        endpoints.MapGet("/samples/{**path}", (string path, IOptions<LabsOptions> options) =>
            Serve(options.Value.ResolveSampleImagesDirectory(), path, RasterExtensions, types));
        return endpoints;
    }

    private static IResult Serve(string root, string relative, HashSet<string> allowed, FileExtensionContentTypeProvider types)
    {
        var rootFull = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(rootFull, relative));
        if (!full.StartsWith(rootFull, StringComparison.Ordinal) || !allowed.Contains(Path.GetExtension(full)) || !File.Exists(full))
            return Results.NotFound();
        types.TryGetContentType(full, out var contentType);
        return Results.File(full, contentType ?? "application/octet-stream", enableRangeProcessing: false);
    }
}
