namespace ImmersiveLab.Imaging;

/// <summary>
/// An image as libgd holds it: <see cref="Width"/>×<see cref="Height"/> pixels, row-major, four bytes each:
/// R, G, B and libgd's 7-bit alpha (0 = opaque … 127 = fully transparent).
/// </summary>
public sealed record GdImage(int Width, int Height, byte[] Rgba7)
{
    public const int MaxAlpha = 127;

    public static GdImage Create(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        return new GdImage(width, height, new byte[checked(width * height * 4)]);
    }

    public int Offset(int x, int y) => (y * Width + x) * 4;
}
