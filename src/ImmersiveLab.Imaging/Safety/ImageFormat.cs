namespace ImmersiveLab.Imaging;

/// <summary>The raster formats the lab accepts, recognised by their magic bytes.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
    WebP,
    Bmp,
}

public static class ImageFormatExtensions
{
    public static string ContentType(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Gif => "image/gif",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Bmp => "image/bmp",
        _ => "application/octet-stream",
    };

    /// <summary>The imgsmlr SQL function that reads this format, or null when the extension cannot read it.</summary>
    public static string? ImgsmlrFunction(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpeg2pattern",
        ImageFormat.Png => "png2pattern",
        ImageFormat.Gif => "gif2pattern",
        _ => null,
    };
}
