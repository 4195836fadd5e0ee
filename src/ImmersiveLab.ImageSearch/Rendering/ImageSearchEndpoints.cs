using System.Net;
using ImmersiveLab.Imaging;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ImmersiveLab.ImageSearch.Rendering;

/// <summary>
/// GET {base}/{token} → a step picture (PNG), or for a stored image a JPEG thumbnail (<c>?w=</c>, snapped to a few
/// sizes so the thumbnail cache is not flooded). Unknown or expired links are 404, undecodable images 422, each
/// with a small SVG saying why.
/// </summary>
public static class ImageSearchEndpoints
{
    public static readonly int[] ThumbnailSizes = [64, 128, 160, 256, 320];

    public static IResult Get(string token, int? w, HttpContext http, ImageLinkStore links, ThumbnailCache thumbnails)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (!links.TryGet(token, out var entry))
            return Placeholder(http, 404, "This image link has expired. Search again to see the image.");
        var maxAge = $"private, max-age={Math.Max(0, (int)links.Remaining(entry).TotalSeconds)}";
        if (!entry.IsSourceImage)
        {
            http.Response.Headers.CacheControl = maxAge;
            return HttpResults.Bytes(entry.Bytes, entry.ContentType);
        }
        try
        {
            var thumbnail = thumbnails.GetOrCreate(entry.Bytes, Snap(w ?? 160));
            http.Response.Headers.CacheControl = maxAge;
            return HttpResults.Bytes(thumbnail.Bytes, thumbnail.ContentType);
        }
        catch (ImageRejectedException e)
        {
            return Placeholder(http, 422, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Placeholder(http, 422, "The stored image is corrupt and cannot be decoded.");
        }
    }

    internal static int Snap(int requested) => ThumbnailSizes.MinBy(s => Math.Abs(s - requested));

    private static IResult Placeholder(HttpContext http, int status, string reason)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        var text = WebUtility.HtmlEncode(reason.Length > 120 ? reason[..117] + "..." : reason);
        var svg = $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="160" height="120" viewBox="0 0 160 120">
            <rect width="160" height="120" fill="#eceff1"/>
            <foreignObject x="6" y="6" width="148" height="108"><div xmlns="http://www.w3.org/1999/xhtml" style="font:10px sans-serif;color:#455a64">{text}</div></foreignObject>
            </svg>
            """;
        return HttpResults.Text(svg, "image/svg+xml", statusCode: status);
    }
}
