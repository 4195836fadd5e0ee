namespace ImmersiveLab.Imaging;

/// <summary>
/// imgsmlr's 64×64 pattern: a float32 matrix P[i][j] where i is the image column (x) and j the row (y).
/// <see cref="Values"/> is in the extension's i-major order: index = 64·i + j.
/// </summary>
public sealed class ImgsmlrPattern
{
    public const int Size = 64;
    public const int Length = Size * Size;

    public ImgsmlrPattern(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Length)
            throw new ArgumentException($"A pattern has {Length} values, got {values.Length}.", nameof(values));
        Values = values;
    }

    public float[] Values { get; }

    public float this[int i, int j]
    {
        get => Values[i * Size + j];
        set => Values[i * Size + j] = value;
    }

    /// <summary>Reads 4096 little-endian float32 values, the layout of the reference dumps.</summary>
    public static ImgsmlrPattern FromLittleEndianBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length * 4)
            throw new ArgumentException($"Expected {Length * 4} bytes, got {bytes.Length}.", nameof(bytes));
        var values = new float[Length];
        for (var k = 0; k < Length; k++)
            values[k] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(k * 4, 4));
        return new ImgsmlrPattern(values);
    }

    public ImgsmlrPattern Clone() => new((float[])Values.Clone());
}
