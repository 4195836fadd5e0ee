namespace ImmersiveLab.SqlAssist.Catalog;

/// <summary>
/// What one learner can name: their part of the catalog with the shared one, and lookups that resolve unqualified
/// names the way PostgreSQL does (their temp schema first for relations, then the search path, pg_catalog implied).
/// </summary>
public sealed class SqlCatalog
{
    private readonly Dictionary<(string Schema, string Name), CatalogRelation> _relations = [];
    private readonly Dictionary<string, List<CatalogFunction>> _functions = new(StringComparer.Ordinal);

    public SqlCatalog(LearnerCatalogPart learner, SharedCatalogPart shared)
    {
        Learner = learner;
        Shared = shared;
        foreach (var r in shared.Relations.Concat(learner.Relations)) _relations[(r.Schema, r.Name)] = r;
        foreach (var f in shared.Functions.Concat(learner.Functions))
        {
            if (!_functions.TryGetValue(f.Name, out var list)) _functions[f.Name] = list = [];
            list.Add(f);
        }
        var path = learner.SearchPath.ToList();
        if (!path.Contains("pg_catalog")) path.Insert(0, "pg_catalog");
        SearchPath = path;
    }

    public static SqlCatalog Empty { get; } = new(LearnerCatalogPart.Empty, SharedCatalogPart.Empty);

    public LearnerCatalogPart Learner { get; }
    public SharedCatalogPart Shared { get; }

    /// <summary>Schemas searched for unqualified names, in order (current_schemas(true)).</summary>
    public IReadOnlyList<string> SearchPath { get; }

    public IEnumerable<CatalogRelation> Relations => _relations.Values;
    public IEnumerable<CatalogFunction> Functions => _functions.Values.SelectMany(f => f);
    public IEnumerable<CatalogType> Types => Shared.Types.Concat(Learner.Types);

    public bool IsOnSearchPath(string schema) => SearchPath.Contains(schema);

    /// <summary>The learner's own objects live here: their temp schema and the first schema of the search path they may create in (public).</summary>
    public bool IsLearnersOwn(string schema) => schema == Learner.TempSchema || schema == "public";

    public bool IsSystem(string schema) => schema is "pg_catalog" or "information_schema";

    public CatalogRelation? FindRelation(string? schema, string name)
    {
        if (schema is not null) return _relations.GetValueOrDefault((schema == "pg_temp" ? Learner.TempSchema ?? schema : schema, name));
        foreach (var s in SearchPath)
            if (_relations.TryGetValue((s, name), out var r)) return r;
        return null;
    }

    /// <summary>Functions called <paramref name="name"/>: in <paramref name="schema"/>, or (unqualified) in the first schema of the search path that has any.</summary>
    public IReadOnlyList<CatalogFunction> FunctionsNamed(string? schema, string name)
    {
        if (!_functions.TryGetValue(name, out var all)) return [];
        if (schema is not null) return all.Where(f => f.Schema == schema).ToList();
        var visible = all.Where(f => IsOnSearchPath(f.Schema)).ToList();
        return visible.Count > 0 ? visible : [];
    }

    public CatalogIndex? FindIndex(string? schema, string name) =>
        Learner.Indexes.FirstOrDefault(i => i.Name == name && (schema is null ? IsOnSearchPath(i.Schema) : i.Schema == schema));

    public CatalogType? FindType(string? schema, string name) =>
        Types.FirstOrDefault(t => t.Name == name && (schema is null ? IsOnSearchPath(t.Schema) : t.Schema == schema));

    public CatalogSetting? FindSetting(string name) => Shared.Settings.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
