using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>
/// A dataset the explorer made in a learner's sandbox: <c>public.&lt;TableName&gt;(id, category, embedding
/// [, embedding_cube])</c> and <c>public.&lt;TableName&gt;_queries(id, category, embedding)</c>. Its description is
/// kept as the table's comment, so it survives reloads and is found again by <see cref="DatasetCatalog"/>.
/// </summary>
public sealed record DatasetInfo
{
    public const string CommentMarker = "immersivelab-explorer dataset ";
    public const string VectorColumn = "embedding";
    public const string CubeColumn = "embedding_cube";
    /// <summary>cube's compile-time limit (CUBE_MAX_DIM): GiST on cube is offered up to this many dimensions.</summary>
    public const int MaxCubeDimensions = 100;

    public required string TableName { get; init; }
    public required DatasetShape Shape { get; init; }
    public required int Rows { get; init; }
    public required int Dimensions { get; init; }
    public required int Queries { get; init; }
    public required bool HasCube { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>The category a filtered search should use to show lost recall (the rarest one).</summary>
    public string? RareCategory { get; init; }
    public int Seed { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    [JsonIgnore] public long TableBytes { get; init; }
    [JsonIgnore] public TimeSpan LoadTime { get; init; }

    public string QueryTableName => TableName + "_queries";
    public string QualifiedTable => "public." + TableName;
    public string QualifiedQueryTable => "public." + QueryTableName;

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public string ToComment() => CommentMarker + JsonSerializer.Serialize(this, Json);

    public static DatasetInfo? FromComment(string? comment)
    {
        if (comment is null || !comment.StartsWith(CommentMarker, StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<DatasetInfo>(comment[CommentMarker.Length..], Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
