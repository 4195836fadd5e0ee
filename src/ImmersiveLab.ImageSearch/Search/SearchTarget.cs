namespace ImmersiveLab.ImageSearch;

/// <summary>
/// The table one search reads and how to write its SQL: <c>lab.sample_images</c>, or the learner's
/// <c>img_vec</c> (vectors) joined to <c>img_raw</c> (the image and its info) when those exist.
/// </summary>
internal sealed record SearchTarget(
    string Table,
    string Alias,
    string VectorColumn,
    string SelectList,
    string From,
    string? ImageSql,
    bool IsLearnerTable)
{
    public static SearchTarget Samples(SimilarityMethod method) => new(
        "lab.sample_images", "s", method == SimilarityMethod.Signature ? "signature" : "embedding",
        "s.id, s.category, s.file_name", "lab.sample_images AS s",
        "SELECT bytes, licence, author FROM lab.sample_images WHERE id = {0}", false);

    /// <summary>Top-k by <paramref name="method"/>: the query vector inlined, ordered by the distance alias (which
    /// still lets the planner use an index on the expression).</summary>
    public string TopKSql(SimilarityMethod method, string queryVectorLiteral, int k, string queryName)
    {
        var op = method == SimilarityMethod.Signature ? "<->" : "<=>";
        var what = method == SimilarityMethod.Signature
            ? "imgsmlr signature, Euclidean distance <->"
            : "MobileNetV2 embedding, cosine distance <=>";
        var notNull = method == SimilarityMethod.Embedding || IsLearnerTable ? $"\nWHERE {Alias}.{VectorColumn} IS NOT NULL" : "";
        return $"""
            -- The {k} images of {Table} nearest to {SqlLiterals.Comment(queryName)} ({what})
            SELECT {SelectList},
                   {Alias}.{VectorColumn} {op} {queryVectorLiteral} AS distance
            FROM {From}{notNull}
            ORDER BY distance
            LIMIT {k};
            """;
    }
}
