namespace ImmersiveLab.Imaging;

/// <summary>What the header of an accepted image says, read without decoding pixels.</summary>
/// <param name="Orientation">EXIF orientation (1 = as stored … 8); imgsmlr ignores it, thumbnails apply it.</param>
public sealed record ImageHeaderInfo(ImageFormat Format, int Width, int Height, int FrameCount, int Orientation, long ByteCount)
{
    public bool IsAnimated => FrameCount > 1;
}
