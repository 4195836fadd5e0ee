namespace ImmersiveLab.ImageSearch.Rendering;

/// <summary>Links to the pictures of one image's conversion steps (null: that step has no picture).</summary>
public sealed record ConversionStepLinks(
    string Decoded,
    string Thumbnail,
    string Grey,
    string NormalisedGrey,
    string Pattern,
    string? EmbeddingStrip);

/// <summary>Renders the step pictures of a <see cref="QueryImage"/> and issues a link for each, for one learner.</summary>
public sealed class ConversionStepPictures(ImageSearchLinks links, Microsoft.Extensions.Options.IOptions<ImageSearchOptions> options)
{
    public Task<ConversionStepLinks> CreateAsync(Guid learnerId, QueryImage query, CancellationToken ct) => Task.Run(() =>
    {
        var a = query.Analysis;
        string Png(byte[] bytes) => links.StepPicture(learnerId, bytes);
        return new ConversionStepLinks(
            Png(StepImageRenderer.Decoded(a.Decoded, options.Value.DecodedPreviewSide)),
            Png(StepImageRenderer.Thumbnail(a.Thumbnail)),
            Png(StepImageRenderer.GreyMap(a.Grey)),
            Png(StepImageRenderer.GreyMap(a.NormalisedGrey)),
            Png(StepImageRenderer.PatternHeatMap(a.Pattern)),
            query.Embedding is { } e ? Png(StepImageRenderer.EmbeddingStrip(e.Vector)) : null);
    }, ct);
}
