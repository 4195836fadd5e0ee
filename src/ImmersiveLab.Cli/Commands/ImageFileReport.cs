using System.Globalization;
using System.Text;
using System.Text.Json;
using ImmersiveLab.Imaging;

namespace ImmersiveLab.Cli.Commands;

/// <summary>What <c>imlab pattern|signature|embed</c> print for one file: JSON (one object per line) or the extensions' text formats.</summary>
internal static class ImageFileReport
{
    [Flags]
    public enum Parts { Pattern = 1, Signature = 2, Embedding = 4 }

    /// <summary>
    /// <c>{"file", "width", "height", "format", "signature": [16], "pattern": [4096], "embedding": [1280], "top_classes"}</c>,
    /// the parts asked for. Numbers are float32 in shortest round-trip form; NaN (a uniform image) is the string "NaN".
    /// </summary>
    public static string Json(string file, ImgsmlrAnalysis analysis, ImageEmbedding? embedding, string? embeddingUnavailable, Parts parts)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteNumber("width", analysis.Width);
            w.WriteNumber("height", analysis.Height);
            w.WriteString("format", analysis.Format?.ToString().ToLowerInvariant());
            if (parts.HasFlag(Parts.Signature)) WriteArray(w, "signature", analysis.Signature.Values);
            if (parts.HasFlag(Parts.Pattern)) WriteArray(w, "pattern", analysis.Pattern.Values);
            if (parts.HasFlag(Parts.Embedding))
            {
                if (embedding is null)
                {
                    w.WriteNull("embedding");
                    w.WriteString("embedding_unavailable", embeddingUnavailable);
                }
                else
                {
                    WriteArray(w, "embedding", embedding.Vector);
                    w.WriteStartArray("top_classes");
                    foreach (var guess in embedding.TopClasses)
                    {
                        w.WriteStartObject();
                        w.WriteString("label", guess.Label);
                        w.WriteNumber("probability", guess.Probability);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string JsonError(string file, string message)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteString("error", message);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>pgvector's text format, <c>[v,v,…]</c>, shortest round-trip floats.</summary>
    public static string VectorText(float[] values) =>
        "[" + string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private static void WriteArray(Utf8JsonWriter w, string name, float[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
            if (float.IsFinite(v)) w.WriteNumberValue(v);
            else w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
        w.WriteEndArray();
    }
}
