namespace ImmersiveLab.Imaging;

/// <summary>An encoded thumbnail, ready to send over HTTP.</summary>
public sealed record Thumbnail(byte[] Bytes, string ContentType, int Width, int Height);
