using System.Text;
using Npgsql;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Reads one value of a row (in sequential access) within the per-value byte limit, after weighing what would be kept
/// against the run's <see cref="ResultBudget"/>: a value the budget has no room for is not read at all.
/// </summary>
internal static class ValueReader
{
    /// <summary>What a kept value costs beyond its bytes (its slot, its object).</summary>
    public const int Overhead = 16;

    /// <returns>The value and the bytes taken from the budget; or, when the budget had no room, the limit that refused it.</returns>
    public static async Task<(object? Value, long Bytes, ResultLimit? Refused)> ReadAsync(
        NpgsqlDataReader reader, int ordinal, ColumnKind kind, string typeName, SandboxOptions limits, ResultBudget budget, CancellationToken ct)
    {
        if (await reader.IsDBNullAsync(ordinal, ct)) return Take(budget, null, Overhead);
        switch (kind)
        {
            case ColumnKind.Scalar:
                return Take(budget, reader.GetValue(ordinal), 8 + Overhead);
            case ColumnKind.Vector:
            {
                // Bounded by the type (pgvector allows 16 000 dimensions): read, then weigh.
                var value = reader.GetValue(ordinal);
                return Take(budget, value, Overhead + value switch
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
                var whole = length <= limits.MaxValueBytes;
                var kept = whole ? length : Math.Min(length, limits.TruncatedPrefixBytes);
                if (budget.TryTake(kept + Overhead) is { } refused) return (null, 0, refused);
                if (whole) return (await ReadUpToAsync(stream, (int)length, ct), kept + Overhead, null);
                var prefix = await ReadUpToAsync(stream, (int)kept, ct);
                return (new TruncatedValue(typeName, length, prefix, null), kept + Overhead, null);
            }
            default:
            {
                await using var stream = await reader.GetStreamAsync(ordinal, ct);
                var length = stream.Length;
                var whole = length <= limits.MaxValueBytes;
                var kept = whole ? length : Math.Min(length, limits.TruncatedPrefixBytes);
                if (budget.TryTake(kept + Overhead) is { } refused) return (null, 0, refused);
                var bytes = await ReadUpToAsync(stream, (int)kept, ct);
                if (whole) return (Encoding.UTF8.GetString(bytes), kept + Overhead, null);
                return (new TruncatedValue(typeName, length, null, DecodeCompleteCharacters(bytes)), kept + Overhead, null);
            }
        }
    }

    private static (object? Value, long Bytes, ResultLimit? Refused) Take(ResultBudget budget, object? value, long bytes) =>
        budget.TryTake(bytes) is { } refused ? (null, 0, refused) : (value, bytes, null);

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
    internal static string DecodeCompleteCharacters(byte[] prefix)
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
