using System.Collections;
using System.Globalization;
using System.Text;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Turns a statement's rows into text for <see cref="ResultComparer"/>. Both sides of an expect comparison go
/// through this one conversion, so a value compares equal exactly when it reads the same. Types the runner reads
/// as text (numeric, dates, json…) already are PostgreSQL's text output; the binary ones are written the way
/// PostgreSQL prints them (t/f, \x… for bytea, [1,2] for vectors).
/// </summary>
public static class ResultText
{
    public static QueryResult Of(StatementResult result) => new(
        result.Columns.Select(c => c.Name).ToList(),
        result.Rows.Select(row => (IReadOnlyList<string?>)row.Select(Format).ToList()).ToList());

    public static string? Format(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "t" : "f",
        float f => Real(f),
        double d => Double(d),
        byte[] bytes => "\\x" + Convert.ToHexStringLower(bytes),
        Guid g => g.ToString("D"),
        Pgvector.Vector v => Vector(v.ToArray().Select(Real)),
        Pgvector.HalfVector h => Vector(h.ToArray().Select(x => Real((float)x))),
        Pgvector.SparseVector s => s.ToString(),
        BitArray bits => Bits(bits),
        // A value over the runner's byte limit: only its prefix is known, so it is marked, never equal to a whole value.
        TruncatedValue t => $"(truncated {t.TypeName} of {t.FullLength} bytes) " + (t.TextPrefix ?? (t.BytesPrefix is { } p ? Convert.ToHexStringLower(p) : "")),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Real(float f) =>
        float.IsNaN(f) ? "NaN" : float.IsPositiveInfinity(f) ? "Infinity" : float.IsNegativeInfinity(f) ? "-Infinity" : f.ToString("R", CultureInfo.InvariantCulture);

    private static string Double(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : d.ToString("R", CultureInfo.InvariantCulture);

    private static string Vector(IEnumerable<string> values) => "[" + string.Join(',', values) + "]";

    private static string Bits(BitArray bits)
    {
        var text = new StringBuilder(bits.Length);
        for (var i = 0; i < bits.Length; i++) text.Append(bits[i] ? '1' : '0');
        return text.ToString();
    }
}
