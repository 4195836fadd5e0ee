using System.Text;
using Npgsql;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>Reads one value of a row (in sequential access) within the per-value byte limit.</summary>
internal static class ValueReader
{
    public static async Task<(object? Value, long Bytes)> ReadAsync(
        NpgsqlDataReader reader, int ordinal, ColumnKind kind, string typeName, SandboxOptions limits, CancellationToken ct)
    {
        if (await reader.IsDBNullAsync(ordinal, ct)) return (null, 0);
        switch (kind)
        {
            case ColumnKind.Scalar:
                return (reader.GetValue(ordinal), 8);
            case ColumnKind.Vector:
            {
                var value = reader.GetValue(ordinal);
                return (value, value switch
                {
                    Pgvector.Vector v => v.ToArray().Length * 4L,
                    Pgvector.HalfVector h => h.ToArray().Length * 2L,
                    Pgvector.SparseVector s => s.Indices.ToArray().Length * 8L,
                    _ => 8,
                });
            }
            case ColumnKind.Bytes:
            {
                await using var stream = await reader.GetStreamAsync(ordinal, ct);
                var length = stream.Length;
                if (length > limits.MaxValueBytes)
                {
                    var prefix = await ReadUpToAsync(stream, limits.TruncatedPrefixBytes, ct);
                    return (new TruncatedValue(typeName, length, prefix, null), prefix.Length);
                }
                return (await ReadUpToAsync(stream, (int)length, ct), length);
            }
            default:
            {
                await using var stream = await reader.GetStreamAsync(ordinal, ct);
                var length = stream.Length;
                if (length > limits.MaxValueBytes)
                {
                    var prefix = await ReadUpToAsync(stream, limits.TruncatedPrefixBytes, ct);
                    var text = DecodeCompleteCharacters(prefix);
                    return (new TruncatedValue(typeName, length, null, text), prefix.Length);
                }
                var bytes = await ReadUpToAsync(stream, (int)length, ct);
                return (Encoding.UTF8.GetString(bytes), length);
            }
        }
    }

    private static async Task<byte[]> ReadUpToAsync(Stream stream, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, count - read), ct);
            if (n == 0) break;
            read += n;
        }
        return read == count ? buffer : buffer[..read];
    }

    /// <summary>Decodes a UTF-8 prefix, leaving out a character cut in half at the end.</summary>
    private static string DecodeCompleteCharacters(byte[] prefix)
    {
        var end = prefix.Length;
        // Step back over continuation bytes (10xxxxxx) to the start of the last character, and drop it if incomplete.
        var i = end - 1;
        while (i >= 0 && end - i < 4 && (prefix[i] & 0xC0) == 0x80) i--;
        if (i >= 0)
        {
            var lead = prefix[i];
            var needed = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
            if (end - i < needed) end = i;
        }
        return Encoding.UTF8.GetString(prefix, 0, end);
    }
}
