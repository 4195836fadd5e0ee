namespace ImmersiveLab.Ui.Results.Images;

/// <summary>The URLs of one issued image link.</summary>
public sealed record ImageLink(string Token, string BaseUrl)
{
    /// <summary>A JPEG thumbnail whose longest side is about <paramref name="size"/> pixels.</summary>
    public string Thumbnail(int size) => $"{BaseUrl}/{Token}?w={size}";

    /// <summary>The original image (only served when it is a valid raster image).</summary>
    public string Full => $"{BaseUrl}/{Token}/full";
}
