namespace ImmersiveLab.Imaging;

/// <summary>An edited copy of a sample photo: JPEG bytes and their size.</summary>
public sealed record SampleVariant(SampleVariantKind Kind, byte[] Bytes, int Width, int Height);
