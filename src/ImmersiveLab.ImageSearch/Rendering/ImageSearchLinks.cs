using ImmersiveLab.Ui.Results.Images;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.ImageSearch.Rendering;

/// <summary>
/// Image links of a search, issued by the result views' <see cref="ThumbnailUrlIssuer"/>: short-lived, unguessable and
/// bound to the learner, served by the host's result image endpoints (<c>MapResultEndpoints</c>). Step pictures are
/// served as rendered (the original PNG: resampling would blur their square pixels); neighbours as thumbnails.
/// </summary>
public sealed class ImageSearchLinks(ThumbnailUrlIssuer issuer, IOptions<ImageSearchOptions> options)
{
    public string StepPicture(Guid learnerId, byte[] png) => issuer.IssueForBytes(learnerId, png).Full;

    public string Thumbnail(Guid learnerId, byte[] image) => issuer.IssueForBytes(learnerId, image).Thumbnail(options.Value.HitThumbnailSize);
}
