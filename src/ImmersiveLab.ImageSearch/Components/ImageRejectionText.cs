using System.Globalization;
using ImmersiveLab.Imaging;
using ImmersiveLab.ImageSearch.Resources;
using Microsoft.Extensions.Localization;

namespace ImmersiveLab.ImageSearch.Components;

/// <summary>
/// Why an image was not taken, in the learner's language: the limits a learner meets on a busy server (too many pixels,
/// the lab busy decoding) are worded from the resources; other refusals keep the validator's English.
/// </summary>
internal static class ImageRejectionText
{
    public static string For(ImageRejectedException e, IStringLocalizer<ImageSearchStrings> text) => e.Reason switch
    {
        ImageRejectionReason.Busy when e.Value is { } seconds => text["ImageRejection_Busy", seconds.ToString(CultureInfo.InvariantCulture)],
        ImageRejectionReason.TooManyPixels when e.Value is { } pixels && e.Limit is { } limit =>
            text["ImageRejection_TooManyPixels", Megapixels(pixels), Megapixels(limit)],
        _ => e.Message,
    };

    private static string Megapixels(long pixels) => (pixels / 1e6).ToString("0.#", CultureInfo.InvariantCulture);
}
