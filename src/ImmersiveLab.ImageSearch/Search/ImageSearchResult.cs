namespace ImmersiveLab.ImageSearch;

/// <summary>Which vectors a list compares.</summary>
public enum SimilarityMethod
{
    /// <summary>imgsmlr's 16-number signature, Euclidean distance (<c>signature &lt;-&gt; …</c>).</summary>
    Signature,

    /// <summary>The 1280-d MobileNetV2 embedding, cosine distance (<c>embedding &lt;=&gt; …</c>).</summary>
    Embedding,
}

/// <summary>Where to search: the learner's own <c>img_vec</c>/<c>img_raw</c> when usable, or the lab's samples.</summary>
public enum ImageSearchSource
{
    /// <summary>The learner's tables when they exist with the needed columns, else <c>lab.sample_images</c>.</summary>
    Auto,
    Samples,
    LearnerTables,
}

/// <summary>One neighbour: its id and description in its table, its distance, and its image when it could be read.</summary>
/// <param name="Info">category/file name for samples; <c>img_raw.info</c> for the learner's images.</param>
/// <param name="Bytes">The stored image (for a thumbnail), or null when it could not be read (see <see cref="ImageProblem"/>).</param>
/// <param name="Attribution">Licence and author of a sample photo.</param>
public sealed record SimilarImage(
    int Rank,
    long Id,
    string? Category,
    string? Info,
    double Distance,
    byte[]? Bytes,
    string? ImageProblem = null,
    string? Attribution = null)
{
    public string Label => Category is null ? Info ?? $"#{Id}" : $"{Category}/{Info}";
}

/// <summary>
/// One top-k list: the exact SQL that produced it (values inlined, ready to paste into a cell), the table it
/// searched, and its rows. <see cref="Problem"/> says why the list is empty or missing.
/// </summary>
public sealed record SimilarityList(
    SimilarityMethod Method,
    string? Table,
    string? Sql,
    IReadOnlyList<SimilarImage> Hits,
    string? Problem,
    TimeSpan Elapsed)
{
    public bool IsLearnerTable => Table is not null && !Table.StartsWith("lab.", StringComparison.Ordinal);

    public static SimilarityList Unavailable(SimilarityMethod method, string problem, string? table = null, string? sql = null) =>
        new(method, table, sql, [], problem, TimeSpan.Zero);
}

/// <summary>What a search found for a query image, by signature and by embedding.</summary>
public sealed record ImageSearchResult(QueryImage Query, int K, SimilarityList BySignature, SimilarityList ByEmbedding)
{
    public SimilarityList this[SimilarityMethod method] => method == SimilarityMethod.Signature ? BySignature : ByEmbedding;
}

/// <summary>A sample the learner can pick: its id and "category/file".</summary>
public sealed record SampleChoice(int Id, string Category, string FileName)
{
    public string Label => $"{Category}/{FileName}";
}

/// <summary>The imgsmlr extension's signature text of an image (as the extension prints it), or why there is none.</summary>
public sealed record ExtensionSignature(string? Text, string? Problem);
