using System.Collections;
using System.Text.Json;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Cli.Output;

/// <summary>
/// <c>imlab sql --json</c>: { learner, statements: [ one object per statement: index, sql, line, columns, rows,
/// totalRows, truncated, truncationReason, cut { limit, limitValue, keptRows }, tag, rowsAffected, notices, elapsedMs, error ], transaction, cancelled, sessionWasReset,
/// error }. Values: JSON numbers/booleans/strings; bytea as "\x…" hex like psql; vectors as number arrays;
/// values over the size limit as { truncated, type, length, prefix }.
/// </summary>
public static class JsonResultWriter
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task WriteAsync(TextWriter output, LearnerRef learner, CellRunResult cell, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        await using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("learner", learner.Name);
            w.WriteStartArray("statements");
            foreach (var s in cell.Statements) WriteStatement(w, s);
            w.WriteEndArray();
            w.WriteString("transaction", cell.Transaction.ToString());
            w.WriteBoolean("cancelled", cell.Cancelled);
            w.WriteBoolean("sessionWasReset", cell.SessionWasReset);
            WriteError(w, "error", cell.Error);
            w.WriteNumber("elapsedMs", Math.Round(cell.Elapsed.TotalMilliseconds, 3));
            w.WriteEndObject();
        }
        await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()).AsMemory(), ct);
    }

    private static void WriteStatement(Utf8JsonWriter w, StatementResult s)
    {
        w.WriteStartObject();
        w.WriteNumber("index", s.Index);
        w.WriteString("sql", s.Sql);
        w.WriteNumber("line", s.StartLine);
        w.WriteStartArray("columns");
        foreach (var c in s.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("type", c.TypeName);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var row in s.Rows)
        {
            w.WriteStartArray();
            foreach (var v in row) WriteValue(w, v);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        if (s.TotalRows is { } total) w.WriteNumber("totalRows", total);
        else w.WriteNull("totalRows");
        w.WriteBoolean("truncated", s.Truncated);
        if (s.TruncationReason is not null) w.WriteString("truncationReason", s.TruncationReason);
        if (s.Cut is { } cut)
        {
            w.WriteStartObject("cut");
            w.WriteString("limit", cut.Limit.ToString());
            w.WriteNumber("limitValue", cut.LimitValue);
            w.WriteNumber("keptRows", cut.KeptRows);
            w.WriteEndObject();
        }
        if (s.CommandTag is not null) w.WriteString("tag", s.CommandTag);
        else w.WriteNull("tag");
        w.WriteNumber("rowsAffected", s.RowsAffected);
        w.WriteStartArray("notices");
        foreach (var n in s.Notices)
        {
            w.WriteStartObject();
            w.WriteString("severity", n.Severity);
            w.WriteString("message", n.Message);
            if (n.Detail is not null) w.WriteString("detail", n.Detail);
            if (n.Hint is not null) w.WriteString("hint", n.Hint);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("elapsedMs", Math.Round(s.Elapsed.TotalMilliseconds, 3));
        WriteError(w, "error", s.Error);
        w.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter w, string name, SqlError? e)
    {
        if (e is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("message", e.Message);
        w.WriteString("sqlState", e.SqlState);
        if (e.Detail is not null) w.WriteString("detail", e.Detail);
        if (e.Hint is not null) w.WriteString("hint", e.Hint);
        if (e.Line is { } line) w.WriteNumber("line", line);
        if (e.Column is { } column) w.WriteNumber("column", column);
        if (e.Where is not null) w.WriteString("where", e.Where);
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null or DBNull: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case short or int or long or uint: w.WriteNumberValue(Convert.ToInt64(v)); break;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case byte[] bytes: w.WriteStringValue(TextResultPrinter.Hex(bytes)); break;
            case Pgvector.Vector vec: WriteFloats(w, vec.ToArray()); break;
            case Pgvector.HalfVector half: WriteFloats(w, half.ToArray().Select(h => (float)h).ToArray()); break;
            case TruncatedValue t:
                w.WriteStartObject();
                w.WriteBoolean("truncated", true);
                w.WriteString("type", t.TypeName);
                w.WriteNumber("length", t.FullLength);
                if (t.LengthIsMinimum) w.WriteBoolean("lengthIsMinimum", true);
                w.WriteString("prefix", t.TextPrefix ?? (t.BytesPrefix is null ? "" : TextResultPrinter.Hex(t.BytesPrefix)));
                w.WriteEndObject();
                break;
            case BitArray bits: w.WriteStringValue(TextResultPrinter.Format(bits)); break;
            default: w.WriteStringValue(TextResultPrinter.Format(v)); break;
        }
    }

    private static void WriteFloats(Utf8JsonWriter w, float[] values)
    {
        w.WriteStartArray();
        foreach (var f in values) w.WriteNumberValue(f);
        w.WriteEndArray();
    }
}
