using ImmersiveLab.Imaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ImmersiveLab.Ui.Results.Images;

/// <summary>
/// GET {base}/{token}?w=128 → a JPEG thumbnail; GET {base}/{token}/full → the original raster image.
/// Every refusal is a placeholder SVG saying why, with an honest status: 404 unknown/expired link or missing
/// large object, 401 anonymous, 403 another learner's link, 422 an image that is corrupt, too large or not an image,
/// 503 (Retry-After) when the lab's image decodes were all taken for too long.
/// </summary>
public static class ResultImageEndpoints
{
    /// <summary>Thumbnail sizes a client may ask for; others snap to the nearest (so the cache is not flooded).</summary>
    public static readonly int[] AllowedSizes = [64, 128, 256, 320, 512];

    public const string ProblemHeader = "X-Image-Problem";

    public static async Task<IResult> ThumbnailAsync(string token, int? w, HttpContext http, ThumbnailUrlIssuer issuer,
        ICurrentLearnerAccessor learners, ResultImageLoader loader, ThumbnailCache cache, ILoggerFactory loggers)
    {
        var size = Snap(w ?? 128);
        var (ticket, refusal) = Authorize(token, http, issuer, learners, size);
        if (refusal is not null) return refusal;

        var load = await loader.LoadAsync(ticket!.LearnerId, ticket.Source, http.RequestAborted);
        if (load.Bytes is null) return Placeholder(http, load.NotFound ? 404 : 422, load.NotFound ? "Not found" : "Too large", load.Problem!, size);

        Thumbnail thumbnail;
        try
        {
            thumbnail = await cache.GetOrCreateAsync(load.Bytes, size, http.RequestAborted);
        }
        catch (ImageRejectedException e) when (e.Reason == ImageRejectionReason.Busy)
        {
            http.Response.Headers.RetryAfter = "5";
            return Placeholder(http, 503, Title(e.Reason), e.Message, size);
        }
        catch (ImageRejectedException e)
        {
            return Placeholder(http, 422, Title(e.Reason), e.Message, size);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(ResultImageEndpoints)).LogWarning(e, "Thumbnail failed for a {Bytes}-byte image", load.Bytes.Length);
            return Placeholder(http, 422, "Cannot decode", "The image data is corrupt and cannot be decoded.", size);
        }
        SetPrivateCaching(http, issuer.Remaining(ticket));
        return HttpResults.Bytes(thumbnail.Bytes, thumbnail.ContentType);
    }

    public static async Task<IResult> FullImageAsync(string token, HttpContext http, ThumbnailUrlIssuer issuer,
        ICurrentLearnerAccessor learners, ResultImageLoader loader, ImageValidator validator)
    {
        var (ticket, refusal) = Authorize(token, http, issuer, learners, 320);
        if (refusal is not null) return refusal;

        var load = await loader.LoadAsync(ticket!.LearnerId, ticket.Source, http.RequestAborted);
        if (load.Bytes is null) return Placeholder(http, load.NotFound ? 404 : 422, load.NotFound ? "Not found" : "Too large", load.Problem!, 320);
        ImageHeaderInfo info;
        try
        {
            info = validator.Validate(load.Bytes);
        }
        catch (ImageRejectedException e)
        {
            return Placeholder(http, 422, Title(e.Reason), e.Message, 320);
        }
        SetPrivateCaching(http, issuer.Remaining(ticket));
        http.Response.Headers["X-Image-Size"] = $"{info.Width}x{info.Height}";
        return HttpResults.Bytes(load.Bytes, info.Format.ContentType());
    }

    private static (ImageTicket? Ticket, IResult? Refusal) Authorize(string token, HttpContext http, ThumbnailUrlIssuer issuer,
        ICurrentLearnerAccessor learners, int size)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (!issuer.TryResolve(token, out var ticket))
            return (null, Placeholder(http, 404, "Link expired", "This image link has expired. Run the cell again to see the image.", size));
        var learner = learners.GetLearnerId(http);
        if (learner is null)
            return (null, Placeholder(http, 401, "Sign in", "Sign in to see this image.", size));
        if (learner != ticket.LearnerId)
            return (null, Placeholder(http, 403, "Not yours", "This image belongs to another learner's result.", size));
        return (ticket, null);
    }

    private static IResult Placeholder(HttpContext http, int status, string title, string reason, int size)
    {
        http.Response.Headers[ProblemHeader] = Uri.EscapeDataString(reason);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return HttpResults.Text(PlaceholderImage.Svg(title, reason, size), PlaceholderImage.ContentType, statusCode: status);
    }

    private static void SetPrivateCaching(HttpContext http, TimeSpan remaining) =>
        http.Response.Headers.CacheControl = $"private, max-age={Math.Max(0, (int)remaining.TotalSeconds)}";

    internal static int Snap(int requested) => AllowedSizes.MinBy(s => Math.Abs(s - requested));

    private static string Title(ImageRejectionReason reason) => reason switch
    {
        ImageRejectionReason.Empty => "Empty",
        ImageRejectionReason.TooManyBytes => "Too large",
        ImageRejectionReason.TooManyPixels => "Too many pixels",
        ImageRejectionReason.UnsupportedFormat => "Not an image",
        ImageRejectionReason.InvalidDimensions => "Invalid size",
        ImageRejectionReason.Busy => "Busy",
        _ => "Corrupt image",
    };
}
