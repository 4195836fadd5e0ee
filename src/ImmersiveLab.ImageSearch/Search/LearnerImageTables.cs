namespace ImmersiveLab.ImageSearch;

/// <summary>
/// The learner's own <c>img_vec</c> and <c>img_raw</c> as their session sees them (search_path applies), column name →
/// SQL type. Empty maps: the table does not exist.
/// </summary>
internal sealed record LearnerImageTables(IReadOnlyDictionary<string, string> Vec, IReadOnlyDictionary<string, string> Raw)
{
    /// <summary>Catalog query run as the learner; one row per column of each table that exists.</summary>
    public const string DetectSql = """
        SELECT c.relname::text, a.attname::text, pg_catalog.format_type(a.atttypid, a.atttypmod)
        FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid
        WHERE c.oid IN (pg_catalog.to_regclass('img_vec'), pg_catalog.to_regclass('img_raw'))
          AND a.attnum > 0 AND NOT a.attisdropped
        """;

    public static readonly LearnerImageTables None = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    public bool HasVec => Vec.Count > 0;

    public static LearnerImageTables From(IEnumerable<(string Table, string Column, string Type)> rows)
    {
        var vec = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (table, column, type) in rows)
            (table == "img_vec" ? vec : raw)[column] = type;
        return new LearnerImageTables(vec, raw);
    }

    /// <summary>The learner's table as a search target for <paramref name="method"/>, or why it cannot be one.</summary>
    public (SearchTarget? Target, string? Problem) For(SimilarityMethod method)
    {
        var (column, dims) = method == SimilarityMethod.Signature ? ("signature", 16) : ("embedding", 1280);
        if (!HasVec) return (null, "You have no img_vec table (create it, or import images with `imlab import DIR --learner NAME`).");
        if (!Vec.ContainsKey("id")) return (null, "Your img_vec has no id column.");
        if (!Vec.TryGetValue(column, out var type))
            return (null, $"Your img_vec has no {column} column.");
        if (type != "vector" && type != $"vector({dims})")
            return (null, $"Your img_vec.{column} is {type}; this search needs vector({dims}).");

        var join = Raw.ContainsKey("id");
        var info = join && Raw.ContainsKey("info");
        var image = join && Raw.TryGetValue("raw", out var rawType) && rawType == "bytea";
        return (new SearchTarget(
            "img_vec", "v", column,
            info ? "v.id, r.info" : "v.id",
            join ? "img_vec AS v JOIN img_raw AS r ON r.id = v.id" : "img_vec AS v",
            image ? "SELECT raw FROM img_raw WHERE id = {0}" : null,
            true), null);
    }
}
