namespace ImmersiveLab.SqlAssist.Catalog;

/// <summary>
/// What one learner's sandbox holds beyond the system and the extensions: their schemas (public, lab, their temp schema,
/// any they made) with tables, columns, indexes, functions and types, and their search path. <see cref="SharedKey"/> names the
/// <see cref="SharedCatalogPart"/> that goes with it (server version and extensions).
/// </summary>
public sealed record LearnerCatalogPart(
    string SharedKey,
    IReadOnlyList<string> SearchPath,
    string? TempSchema,
    IReadOnlyList<CatalogSchema> Schemas,
    IReadOnlyList<CatalogRelation> Relations,
    IReadOnlyList<CatalogIndex> Indexes,
    IReadOnlyList<CatalogFunction> Functions,
    IReadOnlyList<CatalogType> Types,
    bool Truncated,
    DateTime ReadAtUtc)
{
    public static LearnerCatalogPart Empty { get; } = new("", ["pg_catalog", "public"], null, [], [], [], [], [], false, DateTime.MinValue);
}

/// <summary>
/// What every sandbox with the same server version and extensions shares: pg_catalog and information_schema
/// (relations, built-in functions and types), the extensions' functions and types, the settings a learner may SET,
/// index access methods, operator classes and the distance operators. Read once and kept for every learner, with one
/// lookup index that every learner's <see cref="SqlCatalog"/> uses.
/// </summary>
public sealed record SharedCatalogPart(
    string Key,
    IReadOnlyList<CatalogRelation> Relations,
    IReadOnlyList<CatalogFunction> Functions,
    IReadOnlyList<CatalogType> Types,
    IReadOnlyList<CatalogSetting> Settings,
    IReadOnlyList<AccessMethod> AccessMethods,
    IReadOnlyList<OperatorClass> OperatorClasses,
    IReadOnlyList<OrderingOperator> OrderingOperators)
{
    public static SharedCatalogPart Empty { get; } = new("", [], [], [], [], [], [], []);

    private NameLookup? _lookup;

    /// <summary>Built on first use; every learner's catalog shares it.</summary>
    internal NameLookup Lookup => _lookup ??= new NameLookup(Relations, Functions);
}

/// <summary>Relations by schema and name, functions by name.</summary>
internal sealed class NameLookup
{
    public NameLookup(IEnumerable<CatalogRelation> relations, IEnumerable<CatalogFunction> functions)
    {
        foreach (var r in relations) Relations[(r.Schema, r.Name)] = r;
        foreach (var f in functions)
        {
            if (!Functions.TryGetValue(f.Name, out var list)) Functions[f.Name] = list = [];
            list.Add(f);
        }
    }

    public Dictionary<(string Schema, string Name), CatalogRelation> Relations { get; } = [];
    public Dictionary<string, List<CatalogFunction>> Functions { get; } = new(StringComparer.Ordinal);
}
