using System.Collections;
using System.Globalization;
using System.Text;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Cli.Output;

/// <summary>
/// Prints a cell's results the way psql does: aligned tables, command tags, NOTICEs, errors with position. Whatever came
/// from the learner's data (values, names, messages) goes through <see cref="TerminalText"/> first.
/// </summary>
public static class TextResultPrinter
{
    public static async Task WriteAsync(TextWriter output, CellRunResult cell)
    {
        if (cell.SessionWasReset) await output.WriteLineAsync("(the session was reset: earlier SETs, temp tables and open transactions are gone)");
        if (cell.Error is not null) await WriteErrorAsync(output, cell.Error);
        foreach (var s in cell.Statements)
        {
            foreach (var n in s.Notices) await output.WriteLineAsync(TerminalText.Escape($"{n.Severity}:  {n.Message}"));
            if (s.Error is not null)
            {
                await WriteErrorAsync(output, s.Error);
                continue;
            }
            if (s.Columns.Count > 0)
            {
                await WriteTableAsync(output, s.Columns.Select(c => c.Name).ToList(), s.Rows.Select(r => r.Select(Format).ToArray()).ToList());
                var total = s.TotalRows is { } t ? t.ToString(CultureInfo.InvariantCulture) : "more than " + s.Rows.Count;
                await output.WriteLineAsync($"({total} row{(s.TotalRows == 1 ? "" : "s")})");
                if (s.TruncationReason is not null) await output.WriteLineAsync($"({s.TruncationReason})");
            }
            else if (s.CommandTag is not null) await output.WriteLineAsync(TerminalText.Escape(s.CommandTag));
        }
        if (cell.Cancelled) await output.WriteLineAsync("Cancelled.");
        if (cell.Transaction != TransactionStatus.Idle) await output.WriteLineAsync($"(transaction: {cell.Transaction})");
    }

    public static async Task WriteTableAsync(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        headers = headers.Select(TerminalText.Escape).ToList();
        rows = rows.Select(r => r.Select(TerminalText.Escape).ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        await output.WriteLineAsync(" " + string.Join(" | ", headers.Select((h, i) => h.PadRight(widths[i]))));
        await output.WriteLineAsync(string.Join("+", widths.Select(w => new string('-', w + 2))));
        foreach (var r in rows) await output.WriteLineAsync(" " + string.Join(" | ", r.Select((v, i) => v.PadRight(widths[i]))));
    }

    public static string Format(object? v) => v switch
    {
        null or DBNull => "",
        bool b => b ? "t" : "f",
        byte[] bytes => Hex(bytes),
        float f => f.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        BitArray bits => string.Concat(bits.Cast<bool>().Select(x => x ? '1' : '0')),
        TruncatedValue t => (t.TextPrefix ?? (t.BytesPrefix is null ? "" : Hex(t.BytesPrefix))) + $"… ({(t.LengthIsMinimum ? "more than " : "")}{t.FullLength:N0} bytes)",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    public static string Hex(byte[] bytes) => "\\x" + Convert.ToHexString(bytes).ToLowerInvariant();

    private static async Task WriteErrorAsync(TextWriter output, SqlError e)
    {
        var at = e.Line is { } line ? $" (line {line}{(e.Column is { } c ? $", column {c}" : "")})" : "";
        var sb = new StringBuilder($"ERROR:  {e.Message}{at}{(e.SqlState is null ? "" : $" [{e.SqlState}]")}");
        if (e.Detail is not null) sb.Append($"\nDETAIL:  {e.Detail}");
        if (e.Hint is not null) sb.Append($"\nHINT:  {e.Hint}");
        if (e.Where is not null) sb.Append($"\nCONTEXT:  {e.Where}");
        await output.WriteLineAsync(TerminalText.Escape(sb.ToString()));
    }
}
