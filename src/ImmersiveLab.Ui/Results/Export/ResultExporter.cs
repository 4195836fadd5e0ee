using System.Collections;
using System.Numerics;
using Vector = Pgvector.Vector;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Ui.Results.Cells;
using Pgvector;

namespace ImmersiveLab.Ui.Results.Export;

/// <summary>
/// Formats a statement result as CSV (RFC 4180), JSON (an array of objects, one per row) or a Markdown table.
/// Values are written as PostgreSQL prints them; NULL is an empty CSV field, JSON null and "NULL" in Markdown.
/// </summary>
public sealed class ResultExporter
{
    /// <summary>Markdown cells longer than this are cut (the table is for reading and pasting, not for data).</summary>
    public const int MarkdownCellLimit = 80;

    public string ToCsv(StatementResult result)
    {
        var sb = new StringBuilder();
        AppendCsvLine(sb, result.Columns.Select(c => c.Name));
        foreach (var row in result.Rows)
            AppendCsvLine(sb, result.Columns.Select((_, i) => PostgresText.Format(At(row, i))));
        return sb.ToString();
    }

    public string ToJson(StatementResult result)
    {
        var names = UniqueNames(result.Columns);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var row in result.Rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < result.Columns.Count; i++)
                {
                    w.WritePropertyName(names[i]);
                    WriteJsonValue(w, result.Columns[i], At(row, i));
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string ToMarkdown(StatementResult result)
    {
        var sb = new StringBuilder();
        sb.Append('|');
        foreach (var c in result.Columns) sb.Append(' ').Append(MarkdownCell(c.Name)).Append(" |");
        sb.Append('\n').Append('|');
        var profile = ResultProfiler.Profile(result);
        foreach (var c in profile.Columns) sb.Append(c.IsNumeric ? " ---: |" : " --- |");
        sb.Append('\n');
        foreach (var row in result.Rows)
        {
            sb.Append('|');
            for (var i = 0; i < result.Columns.Count; i++)
            {
                var value = At(row, i);
                var text = value switch
                {
                    null or DBNull => "NULL",
                    byte[] b => $"{PostgresText.Bytea(b.AsSpan(0, Math.Min(b.Length, 8)))}{(b.Length > 8 ? "…" : "")} ({HexPreview.Size(b.Length)})",
                    _ => PostgresText.Format(value) ?? "",
                };
                sb.Append(' ').Append(MarkdownCell(text)).Append(" |");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A file name for a download: "result-2.csv" for the second statement of a cell.</summary>
    public static string FileName(StatementResult result, string extension) => $"result-{result.Index + 1}.{extension}";

    private static object? At(object?[] row, int i) => i < row.Length ? row[i] : null;

    private static void AppendCsvLine(StringBuilder sb, IEnumerable<string?> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) sb.Append(',');
            first = false;
            if (field is null) continue;
            // Quote when needed, and always for an empty string so it stays distinct from NULL.
            if (field.Length == 0 || field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || field[0] == ' ' || field[^1] == ' ')
                sb.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
            else sb.Append(field);
        }
        sb.Append("\r\n");
    }

    private static string MarkdownCell(string text)
    {
        if (text.Length > MarkdownCellLimit) text = text[..MarkdownCellLimit] + "…";
        return text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r\n", "<br>").Replace("\n", "<br>").Replace("\r", "<br>");
    }

    private static string[] UniqueNames(IReadOnlyList<ResultColumn> columns)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i].Name;
            if (seen.TryGetValue(name, out var n)) { seen[name] = n + 1; name = $"{name}_{n + 1}"; }
            else seen[name] = 1;
            names[i] = name;
        }
        return names;
    }

    private static void WriteJsonValue(Utf8JsonWriter w, ResultColumn column, object? value)
    {
        switch (value)
        {
            case null or DBNull: w.WriteNullValue(); return;
            case bool b: w.WriteBooleanValue(b); return;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); return;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); return;
            case decimal m: w.WriteNumberValue(m); return;
            case short or int or long or byte or sbyte or ushort: w.WriteNumberValue(Convert.ToInt64(value)); return;
            case uint u: w.WriteNumberValue(u); return;
            case ulong ul: w.WriteNumberValue(ul); return;
            case BigInteger bi: w.WriteRawValue(bi.ToString(System.Globalization.CultureInfo.InvariantCulture)); return;
            case Vector or HalfVector or float[] or double[] or int[] or long[] or short[]:
                WriteNumbers(w, value); return;
            case string s when PgTypeName.Normalize(column.TypeName) is "json" or "jsonb":
                try
                {
                    using var doc = JsonDocument.Parse(s);
                    doc.WriteTo(w);
                }
                catch (JsonException)
                {
                    w.WriteStringValue(s);
                }
                return;
            case string[] strings:
                w.WriteStartArray();
                foreach (var s in strings) w.WriteStringValue(s);
                w.WriteEndArray();
                return;
            default:
                w.WriteStringValue(PostgresText.Format(value));
                return;
        }
    }

    private static void WriteNumbers(Utf8JsonWriter w, object value)
    {
        w.WriteStartArray();
        switch (value)
        {
            case Vector v: foreach (var x in v.Memory.Span) WriteFloat(w, x); break;
            case HalfVector h: foreach (var x in h.Memory.Span) WriteFloat(w, (float)x); break;
            case float[] fs: foreach (var x in fs) WriteFloat(w, x); break;
            case double[] ds: foreach (var x in ds) if (double.IsFinite(x)) w.WriteNumberValue(x); else w.WriteStringValue(x.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case IEnumerable e: foreach (var x in e) w.WriteNumberValue(Convert.ToInt64(x)); break;
        }
        w.WriteEndArray();
    }

    private static void WriteFloat(Utf8JsonWriter w, float x)
    {
        if (float.IsFinite(x)) w.WriteNumberValue(x);
        else w.WriteStringValue(x.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
