namespace ImmersiveLab.SqlAssist.Catalog;

/// <summary>
/// What one learner can name: their part of the catalog with the shared one, and lookups that resolve unqualified
/// names the way PostgreSQL does (their temp schema first for relations, then the search path, pg_catalog implied).
/// </summary>
public sealed class SqlCatalog
{
    private readonly NameLookup _own;
    private readonly NameLookup _shared;

    public SqlCatalog(LearnerCatalogPart learner, SharedCatalogPart shared)
    {
        Learner = learner;
        Shared = shared;
        _own = new NameLookup(learner.Relations, learner.Functions);
        _shared = shared.Lookup;
        var path = learner.SearchPath.ToList();
        if (!path.Contains("pg_catalog")) path.Insert(0, "pg_catalog");
        SearchPath = path;
    }

    public static SqlCatalog Empty { get; } = new(LearnerCatalogPart.Empty, SharedCatalogPart.Empty);

    public LearnerCatalogPart Learner { get; }
    public SharedCatalogPart Shared { get; }

    /// <summary>Schemas searched for unqualified names, in order (current_schemas(true)).</summary>
    public IReadOnlyList<string> SearchPath { get; }

    public IEnumerable<CatalogRelation> Relations => Shared.Relations.Concat(Learner.Relations);
    public IEnumerable<CatalogFunction> Functions => Shared.Functions.Concat(Learner.Functions);
    public IEnumerable<CatalogType> Types => Shared.Types.Concat(Learner.Types);

    public bool IsOnSearchPath(string schema) => SearchPath.Contains(schema);

    /// <summary>The learner's own objects live here: their temp schema and the first schema of the search path they may create in (public).</summary>
    public bool IsLearnersOwn(string schema) => schema == Learner.TempSchema || schema == "public";

    public bool IsSystem(string schema) => schema is "pg_catalog" or "information_schema";

    public CatalogRelation? FindRelation(string? schema, string name)
    {
        if (schema is not null) return Relation(schema == "pg_temp" ? Learner.TempSchema ?? schema : schema, name);
        foreach (var s in SearchPath)
            if (Relation(s, name) is { } r) return r;
        return null;
    }

    private CatalogRelation? Relation(string schema, string name) =>
        _own.Relations.GetValueOrDefault((schema, name)) ?? _shared.Relations.GetValueOrDefault((schema, name));

    /// <summary>Functions called <paramref name="name"/>: in <paramref name="schema"/>, or (unqualified) those on the search path.</summary>
    public IReadOnlyList<CatalogFunction> FunctionsNamed(string? schema, string name)
    {
        IEnumerable<CatalogFunction> all = [.. _shared.Functions.GetValueOrDefault(name) ?? [], .. _own.Functions.GetValueOrDefault(name) ?? []];
        return schema is not null ? all.Where(f => f.Schema == schema).ToList() : all.Where(f => IsOnSearchPath(f.Schema)).ToList();
    }

    public CatalogIndex? FindIndex(string? schema, string name) =>
        Learner.Indexes.FirstOrDefault(i => i.Name == name && (schema is null ? IsOnSearchPath(i.Schema) : i.Schema == schema));

    public CatalogType? FindType(string? schema, string name) =>
        Types.FirstOrDefault(t => t.Name == name && (schema is null ? IsOnSearchPath(t.Schema) : t.Schema == schema));

    public CatalogSetting? FindSetting(string name) => Shared.Settings.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
