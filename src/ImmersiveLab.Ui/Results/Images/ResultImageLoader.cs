using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Ui.Results.Cells;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Ui.Results.Images;

/// <summary>
/// Loads the bytes behind an image source for a learner, never more than the image byte limit: bytea from the
/// result, large objects through the host's <see cref="ILearnerBlobReader"/>.
/// </summary>
public sealed class ResultImageLoader(IServiceProvider services, ImageValidator validator)
{
    public long MaxBytes => validator.Limits.MaxBytes;

    public async Task<ImageLoadResult> LoadAsync(Guid learnerId, ImageSource source, CancellationToken ct)
    {
        // One byte over the limit tells "too large" apart from "exactly at the limit" without reading everything.
        var readLimit = (int)Math.Min(int.MaxValue - 1, MaxBytes) + 1;
        byte[]? bytes;
        switch (source)
        {
            case ImageSource.Bytes b:
                bytes = b.Data;
                break;
            case ImageSource.LargeObject lo:
                var reader = services.GetService<ILearnerBlobReader>();
                if (reader is null) return ImageLoadResult.Missing("Large objects cannot be read here (no reader configured).");
                bytes = await reader.ReadLargeObjectAsync(learnerId, lo.Oid, readLimit, ct);
                if (bytes is null) return ImageLoadResult.Missing($"Large object {lo.Oid} does not exist or is not yours.");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(source));
        }
        if (bytes.Length > MaxBytes)
            return ImageLoadResult.TooLarge($"The image is larger than the {HexPreview.Size(MaxBytes)} limit.");
        return ImageLoadResult.Found(bytes);
    }
}
