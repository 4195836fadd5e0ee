using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImmersiveLab.IndexExplorer.Indexes;

/// <summary>An index on a dataset, with what it cost: build time (when the explorer built it) and size on disk.</summary>
public sealed record BuiltIndex(string Name, IndexSpec Spec, TimeSpan? BuildTime, long SizeBytes, string Definition)
{
    public const string CommentMarker = "immersivelab-explorer index ";

    public string Label => Spec.Label;
    public SearchTarget Target => SearchTarget.For(Spec.Kind, Spec.Metric);

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private sealed record Stored(IndexSpec Spec, long? BuildMilliseconds);

    /// <summary>Kept as the index's comment, so build times survive a page reload.</summary>
    public string ToComment() => CommentMarker + JsonSerializer.Serialize(new Stored(Spec, (long?)BuildTime?.TotalMilliseconds), Json);

    public static (IndexSpec Spec, TimeSpan? BuildTime)? FromComment(string? comment)
    {
        if (comment is null || !comment.StartsWith(CommentMarker, StringComparison.Ordinal)) return null;
        try
        {
            var s = JsonSerializer.Deserialize<Stored>(comment[CommentMarker.Length..], Json);
            return s is null ? null : (s.Spec, s.BuildMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
