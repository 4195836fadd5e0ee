using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Parsing;

namespace ImmersiveLab.SqlAssist.Completion;

/// <summary>A column as the editor shows it; <see cref="Type"/> null when it cannot be told (an expression in a subquery).</summary>
public sealed record ScopeColumn(string Name, string? Type, string? Comment);

/// <summary>A table in scope with the name it is known by and its columns; <see cref="Relation"/> when it is a catalog relation.</summary>
public sealed record ScopeTable(string ExposedName, TableReference Reference, CatalogRelation? Relation, IReadOnlyList<ScopeColumn> Columns, bool IsCte);

/// <summary>
/// Turns the tables a cursor context has in scope into columns, from the learner's catalog: relations (their own, lab's,
/// the system's, through the search path), CTEs and subqueries (from their select lists, * expanded), and set-returning
/// functions (their TABLE(…) result or column aliases).
/// </summary>
public sealed class ScopeResolver(SqlCatalog catalog, CursorContext context)
{
    private const int MaxDepth = 6;
    private List<ScopeTable>? _tables;

    public SqlCatalog Catalog => catalog;

    /// <summary>The tables in scope, innermost query first; with the context's own table (CREATE INDEX … ON t) last.</summary>
    public IReadOnlyList<ScopeTable> Tables => _tables ??= Resolve();

    public ScopeTable? FindTable(string exposedName) => Tables.FirstOrDefault(t => t.ExposedName == exposedName);

    public IEnumerable<CteDefinition> Ctes => context.Scopes.SelectMany(s => s.Ctes);

    /// <summary>The columns of a qualifier: an alias or table in scope, a CTE, or schema.table from the catalog.</summary>
    public IReadOnlyList<ScopeColumn>? ColumnsOfQualifier(IReadOnlyList<string> qualifier)
    {
        if (qualifier.Count == 1 && FindTable(qualifier[0]) is { } table) return table.Columns;
        var schema = qualifier.Count >= 2 ? qualifier[^2] : null;
        if (schema is null && Ctes.FirstOrDefault(c => c.Name == qualifier[0]) is { } cte) return CteColumns(cte, 0);
        return catalog.FindRelation(schema, qualifier[^1]) is { } relation ? FromRelation(relation) : null;
    }

    /// <summary>The type of a column reference (a, t.a, s.t.a), when it can be told.</summary>
    public string? TypeOf(IReadOnlyList<string> reference)
    {
        if (reference.Count == 1)
            return Tables.SelectMany(t => t.Columns).FirstOrDefault(c => c.Name == reference[0])?.Type;
        return ColumnsOfQualifier(reference.Take(reference.Count - 1).ToList())?.FirstOrDefault(c => c.Name == reference[^1])?.Type;
    }

    /// <summary>The columns of one table reference (used for Column contexts: INSERT INTO t (…), UPDATE t SET …).</summary>
    public IReadOnlyList<ScopeColumn> ColumnsOf(TableReference reference) => Resolve(reference, context.Scopes, 0).Columns;

    private List<ScopeTable> Resolve()
    {
        var tables = new List<ScopeTable>();
        foreach (var scope in context.Scopes)
            foreach (var reference in scope.Tables)
                tables.Add(Resolve(reference, context.Scopes, 0));
        if (context.Table is { } own && tables.All(t => t.ExposedName != own.ExposedName)) tables.Add(Resolve(own, context.Scopes, 0));
        return tables;
    }

    private ScopeTable Resolve(TableReference reference, IReadOnlyList<QueryShape> scopes, int depth)
    {
        switch (reference.Kind)
        {
            case TableSourceKind.Subquery when reference.Query is { } query && depth < MaxDepth:
                return new ScopeTable(reference.ExposedName, reference, null, Rename(QueryColumns(query, depth + 1), reference.ColumnAliases), false);
            case TableSourceKind.Function:
                return new ScopeTable(reference.ExposedName, reference, null, FunctionColumns(reference), false);
            case TableSourceKind.Relation:
                if (reference.Schema is null && depth < MaxDepth && scopes.SelectMany(s => s.Ctes).FirstOrDefault(c => c.Name == reference.Name) is { } cte)
                    return new ScopeTable(reference.ExposedName, reference, null, Rename(CteColumns(cte, depth + 1), reference.ColumnAliases), true);
                var relation = catalog.FindRelation(reference.Schema, reference.Name);
                var columns = relation is null ? [] : Rename(FromRelation(relation), reference.ColumnAliases);
                return new ScopeTable(reference.ExposedName, reference, relation, columns, false);
            default:
                return new ScopeTable(reference.ExposedName, reference, null, [], false);
        }
    }

    private static IReadOnlyList<ScopeColumn> FromRelation(CatalogRelation relation) =>
        relation.Columns.Select(c => new ScopeColumn(c.Name, c.Type, c.Comment)).ToList();

    private IReadOnlyList<ScopeColumn> CteColumns(CteDefinition cte, int depth) =>
        depth >= MaxDepth ? [] : Rename(QueryColumns(cte.Body, depth), cte.Columns);

    /// <summary>The output columns of a subquery or CTE body: its select list, with * and t.* expanded from its own scope.</summary>
    private IReadOnlyList<ScopeColumn> QueryColumns(SyntaxGroup query, int depth)
    {
        var syntax = context.Syntax;
        if (syntax is null) return [];
        var shape = QueryShape.Parse(syntax, query);
        var scopes = new List<QueryShape> { shape };
        scopes.AddRange(context.Scopes.Where(s => s.Group != query));
        var inner = shape.Tables.Select(t => Resolve(t, scopes, depth)).ToList();
        var columns = new List<ScopeColumn>();
        foreach (var item in shape.SelectItems)
        {
            if (item.IsStar)
            {
                var from = item.Reference is { Count: > 0 } q ? inner.Where(t => t.ExposedName == q[^1]) : inner;
                columns.AddRange(from.SelectMany(t => t.Columns));
                continue;
            }
            if (item.Name is null) continue;
            string? type = item.CastType;
            if (type is null && item.Reference is { } reference)
            {
                type = reference.Count == 1
                    ? inner.SelectMany(t => t.Columns).FirstOrDefault(c => c.Name == reference[0])?.Type
                    : inner.FirstOrDefault(t => t.ExposedName == reference[^2])?.Columns.FirstOrDefault(c => c.Name == reference[^1])?.Type;
            }
            columns.Add(new ScopeColumn(item.Name, type, null));
        }
        return columns;
    }

    /// <summary>A set-returning function's columns: its alias list, else its TABLE(…) result, else one column named like the alias or function.</summary>
    private IReadOnlyList<ScopeColumn> FunctionColumns(TableReference reference)
    {
        if (reference.ColumnAliases is { Count: > 0 } aliases) return aliases.Select(a => new ScopeColumn(a, null, null)).ToList();
        var function = catalog.FunctionsNamed(reference.Schema, reference.Name).FirstOrDefault();
        if (function is not null && function.Result.StartsWith("TABLE(", StringComparison.Ordinal) && function.Result.EndsWith(')'))
            return FunctionParameter.Parse(function.Result[6..^1])
                .Select(p => new ScopeColumn(p.Name ?? "?column?", p.Type, null)).ToList();
        var type = function is null ? null : function.Result.StartsWith("SETOF ", StringComparison.Ordinal) ? function.Result[6..] : function.Result;
        return [new ScopeColumn(reference.Alias ?? reference.Name, type, null)];
    }

    private static IReadOnlyList<ScopeColumn> Rename(IReadOnlyList<ScopeColumn> columns, IReadOnlyList<string>? names)
    {
        if (names is not { Count: > 0 }) return columns;
        return columns.Select((c, i) => i < names.Count ? c with { Name = names[i] } : c).ToList();
    }
}
