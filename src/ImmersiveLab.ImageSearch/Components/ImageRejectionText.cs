using System.Globalization;
using ImmersiveLab.Imaging;

namespace ImmersiveLab.ImageSearch.Components;

/// <summary>
/// Why an image was not taken, in the learner's language: the limits a learner meets on a busy server (too many pixels,
/// the lab busy decoding) are worded here in Chinese too; other refusals keep the validator's English.
/// </summary>
internal static class ImageRejectionText
{
    public static string For(ImageRejectedException e)
    {
        if (!UiText.IsChinese) return e.Message;
        return e.Reason switch
        {
            ImageRejectionReason.Busy =>
                $"实验室正在解码其他图片，你的图片已排队等待了 {e.Value?.ToString(CultureInfo.InvariantCulture) ?? "一段"} 秒：请稍后再试。",
            ImageRejectionReason.TooManyPixels when e.Value is { } pixels && e.Limit is { } limit =>
                $"这张图片有 {Megapixels(pixels)} 百万像素，超过了上限 {Megapixels(limit)} 百万像素。解码它需要太多内存，所以在解码之前就被拒绝了。请先把图片缩小。",
            _ => e.Message,
        };
    }

    private static string Megapixels(long pixels) => (pixels / 1e6).ToString("0.#", CultureInfo.InvariantCulture);
}
