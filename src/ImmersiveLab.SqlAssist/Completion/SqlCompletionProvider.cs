using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Knowledge;
using ImmersiveLab.SqlAssist.Parsing;

namespace ImmersiveLab.SqlAssist.Completion;

/// <summary>
/// The suggestions for a cursor context from a learner's catalog and the built-in knowledge, best first: the learner's
/// own tables and columns before the lab's, the lab's before the system's; pgvector's operators, types, index methods
/// and settings explained in the learner's language.
/// </summary>
public sealed class SqlCompletionProvider(SqlKnowledge knowledge, LabReferences labs)
{
    /// <summary>Common ways of writing built-in types (the catalog knows them by internal names such as int4).</summary>
    private static readonly (string Label, string Insert, bool Snippet)[] CommonTypes =
    [
        ("integer", "integer", false), ("bigint", "bigint", false), ("smallint", "smallint", false), ("real", "real", false),
        ("double precision", "double precision", false), ("numeric", "numeric", false), ("text", "text", false),
        ("varchar(n)", "varchar(${1:100})", true), ("boolean", "boolean", false), ("bytea", "bytea", false), ("oid", "oid", false),
        ("timestamptz", "timestamptz", false), ("date", "date", false), ("jsonb", "jsonb", false), ("serial", "serial", false),
        ("bigserial", "bigserial", false), ("real[]", "real[]", false), ("text[]", "text[]", false),
    ];

    public CompletionList Complete(CursorContext context, SqlCatalog catalog, CatalogFreshness freshness, string language, int maxItems)
    {
        if (context.Kind == AssistContextKind.None) return CompletionList.Empty(context.ReplaceStart);
        var f = new CompletionItemFactory(knowledge, labs, language);
        var scope = new ScopeResolver(catalog, context);
        var items = new List<CompletionItem>();
        var qualified = context.Qualifier.Count > 0;
        switch (context.Kind)
        {
            case AssistContextKind.Relation:
                AddRelations(items, f, catalog, scope, context);
                break;
            case AssistContextKind.Index:
                foreach (var index in catalog.Learner.Indexes)
                {
                    if (qualified && index.Schema != context.Qualifier[^1]) continue;
                    items.Add(f.Index(index, !qualified && !catalog.IsOnSearchPath(index.Schema), 0));
                }
                break;
            case AssistContextKind.Expression:
                AddExpression(items, f, catalog, scope, context);
                break;
            case AssistContextKind.AfterExpression:
                AddOperators(items, f, catalog, scope, context);
                break;
            case AssistContextKind.Column:
                if (context.Table is { } table)
                    items.AddRange(scope.ColumnsOf(table).Select(c => f.Column(c, table.Name, 0)));
                break;
            case AssistContextKind.Type:
                AddTypes(items, f, catalog, context);
                break;
            case AssistContextKind.SettingName:
                AddSettings(items, f, catalog, context);
                break;
            case AssistContextKind.SettingValue:
                AddSettingValues(items, f, catalog, context);
                break;
            case AssistContextKind.IndexMethod:
                AddIndexMethods(items, f, catalog);
                break;
            case AssistContextKind.OperatorClass:
                AddOperatorClasses(items, f, catalog, scope, context);
                break;
            case AssistContextKind.IndexOption:
                foreach (var option in knowledge.OfKind(KnowledgeKind.IndexOption))
                    if (context.IndexMethod is null || option.AppliesTo.Contains(context.IndexMethod, StringComparer.OrdinalIgnoreCase))
                        items.Add(f.IndexOption(option, 0));
                break;
        }
        if (!qualified && !(context.IsOperatorPrefix))
            items.AddRange(context.Keywords.Select(k => f.Keyword(k, context.Kind is AssistContextKind.Keywords or AssistContextKind.StatementStart ? 0 : 5)));

        var matching = items
            .Where(i => PrefixMatch.Matches(context.Prefix, i.FilterText ?? i.Label))
            .DistinctBy(i => (i.Label, i.Kind))
            .OrderBy(i => i.SortText, StringComparer.Ordinal)
            .ToList();
        var cut = matching.Count > maxItems;
        var needsCatalog = context.Kind is not (AssistContextKind.Keywords or AssistContextKind.StatementStart);
        return new CompletionList(cut ? matching.Take(maxItems).ToList() : matching, context.ReplaceStart, context.ReplaceEnd,
            cut || (needsCatalog && freshness == CatalogFreshness.Missing), freshness);
    }

    private static void AddRelations(List<CompletionItem> items, CompletionItemFactory f, SqlCatalog catalog, ScopeResolver scope, CursorContext context)
    {
        if (context.Qualifier.Count > 0)
        {
            var schema = context.Qualifier[^1];
            foreach (var r in catalog.Relations.Where(r => r.Schema == schema)) items.Add(f.Relation(r, false, catalog.IsSystem(schema) ? 2 : 0));
            if (context.AllowSetReturningFunctions)
                AddFunctions(items, f, catalog.Functions.Where(fn => fn.Schema == schema && fn.ReturnsSet), qualifyOffPath: false, catalog, group: 3);
            return;
        }
        foreach (var cte in scope.Ctes) items.Add(new CompletionItem
        {
            Label = cte.Name, Kind = CompletionItemKind.Table, InsertText = IdentifierText.Quote(cte.Name),
            Detail = AssistText.Kind("cte", f.Language), SortText = CompletionItemFactory.Sort(0, cte.Name),
        });
        foreach (var r in catalog.Relations)
        {
            var onPath = catalog.IsOnSearchPath(r.Schema);
            var group = catalog.IsLearnersOwn(r.Schema) ? 1 : catalog.IsSystem(r.Schema) ? (onPath ? 8 : 9) : 2;
            items.Add(f.Relation(r, !onPath, group));
        }
        foreach (var s in catalog.Learner.Schemas.Where(s => !s.Name.StartsWith("pg_temp", StringComparison.Ordinal)))
            items.Add(f.Schema(s, catalog.IsSystem(s.Name) ? 7 : 3));
        if (context.AllowSetReturningFunctions)
        {
            AddFunctions(items, f, catalog.Functions.Where(fn => fn.ReturnsSet && !catalog.IsSystem(fn.Schema)), true, catalog, group: 4);
            AddFunctions(items, f, catalog.Functions.Where(fn => fn.ReturnsSet && catalog.IsSystem(fn.Schema)), true, catalog, group: 6);
        }
    }

    private static void AddExpression(List<CompletionItem> items, CompletionItemFactory f, SqlCatalog catalog, ScopeResolver scope, CursorContext context)
    {
        if (context.Qualifier.Count > 0)
        {
            var q = context.Qualifier;
            if (scope.ColumnsOfQualifier(q) is { } columns)
            {
                items.AddRange(columns.Select(c => f.Column(c, null, 0)));
                return;
            }
            if (q.Count == 1 && catalog.Learner.Schemas.Any(s => s.Name == q[0]))
            {
                AddFunctions(items, f, catalog.Functions.Where(fn => fn.Schema == q[0]), qualifyOffPath: false, catalog, group: 0);
                items.AddRange(catalog.Relations.Where(r => r.Schema == q[0]).Select(r => f.Relation(r, false, 1) with { InsertText = IdentifierText.Quote(r.Name) + ".", TriggersSuggest = true }));
            }
            return;
        }
        // Columns of every table in scope; a name two tables share is offered qualified as well.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in scope.Tables)
            foreach (var c in table.Columns)
                seen[c.Name] = seen.GetValueOrDefault(c.Name) + 1;
        foreach (var table in scope.Tables)
        {
            items.Add(f.Alias(table, 2));
            foreach (var c in table.Columns)
            {
                items.Add(f.Column(c, table.ExposedName, 0));
                if (seen[c.Name] > 1) items.Add(f.Column(c, null, 1, $"{IdentifierText.Quote(table.ExposedName)}.{IdentifierText.Quote(c.Name)}"));
            }
        }
        AddFunctions(items, f, catalog.Functions.Where(fn => !catalog.IsSystem(fn.Schema) && fn.Kind != FunctionKind.Procedure), true, catalog, group: 3);
        foreach (var s in catalog.Learner.Schemas.Where(s => !catalog.IsSystem(s.Name) && !s.Name.StartsWith("pg_temp", StringComparison.Ordinal)))
            items.Add(f.Schema(s, 4));
        AddFunctions(items, f, catalog.Functions.Where(fn => catalog.IsSystem(fn.Schema) && fn.Kind != FunctionKind.Procedure), true, catalog, group: 6);
    }

    /// <summary>One item per function name (its overloads together), qualified when its schema is not on the search path.</summary>
    private static void AddFunctions(List<CompletionItem> items, CompletionItemFactory f, IEnumerable<CatalogFunction> functions,
        bool qualifyOffPath, SqlCatalog catalog, int group)
    {
        foreach (var overloads in functions.GroupBy(fn => (fn.Schema, fn.Name)))
        {
            var list = overloads.ToList();
            items.Add(f.Function(list, qualifyOffPath && !catalog.IsOnSearchPath(list[0].Schema), group));
        }
    }

    /// <summary>The distance operators that fit the operand's type (all of them when it cannot be told, after ORDER BY or a typed "&lt;").</summary>
    private void AddOperators(List<CompletionItem> items, CompletionItemFactory f, SqlCatalog catalog, ScopeResolver scope, CursorContext context)
    {
        var type = context.Operand?.CastType ?? (context.Operand?.ColumnReference is { } reference ? scope.TypeOf(reference) : null);
        var baseType = type is null ? null : SqlKnowledge.BaseTypeName(type);
        if (baseType is null && !(context.IsOperatorPrefix || context.Clause == "ORDER BY")) return;

        var fromCatalog = catalog.Shared.OrderingOperators
            .Where(o => baseType is null || SqlKnowledge.BaseTypeName(o.LeftType) == baseType)
            .GroupBy(o => o.Name);
        var offered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in fromCatalog)
        {
            var o = group.First();
            var detail = baseType is null
                ? string.Join(", ", group.Select(g => SqlKnowledge.BaseTypeName(g.LeftType)).Distinct())
                : $"{o.LeftType} {o.Name} {o.RightType} → {o.ResultType}";
            items.Add(f.Operator(o.Name, detail, knowledge.Find(KnowledgeKind.Operator, o.Name, baseType ?? "vector"), 0));
            offered.Add(o.Name);
        }
        // Before the shared catalog is read, the knowledge still knows pgvector's operators.
        foreach (var entry in knowledge.OfKind(KnowledgeKind.Operator))
        {
            if (offered.Contains(entry.Name)) continue;
            if (baseType is not null && !entry.AppliesTo.Contains(baseType, StringComparer.OrdinalIgnoreCase)) continue;
            if (baseType is null && entry.AppliesTo.Contains("cube")) continue;
            items.Add(f.Operator(entry.Name, string.Join(", ", entry.AppliesTo), entry, 0));
            offered.Add(entry.Name);
        }
    }

    private void AddTypes(List<CompletionItem> items, CompletionItemFactory f, SqlCatalog catalog, CursorContext context)
    {
        if (context.Qualifier.Count > 0)
        {
            foreach (var t in catalog.Types.Where(t => t.Schema == context.Qualifier[^1]))
                items.Add(f.Type(t.Name, IdentifierText.Quote(t.Name), false, t.Schema, t.Comment, 0));
            return;
        }
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in knowledge.OfKind(KnowledgeKind.Type))
        {
            var inCatalog = catalog.FindType(null, entry.Name);
            var takesModifier = inCatalog?.TakesModifier ?? entry.Name is "vector" or "halfvec" or "sparsevec" or "bit";
            items.Add(takesModifier
                ? f.Type($"{entry.Name}(n)", $"{entry.Name}(${{1:3}})", true, null, f.Documentation(entry), 0)
                : f.Type(entry.Name, entry.Name, false, null, f.Documentation(entry), 0));
            named.Add(entry.Name);
        }
        foreach (var (label, insert, snippet) in CommonTypes)
            if (named.Add(label)) items.Add(f.Type(label, insert, snippet, null, null, 1));
        foreach (var t in catalog.Types)
        {
            if (!named.Add(t.Name)) continue;
            var qualify = !catalog.IsOnSearchPath(t.Schema);
            var name = qualify ? $"{t.Schema}.{t.Name}" : t.Name;
            var insert = (qualify ? IdentifierText.Quote(t.Schema) + "." : "") + IdentifierText.Quote(t.Name);
            items.Add(f.Type(name, insert, false, t.Schema, t.Comment, catalog.IsSystem(t.Schema) ? 5 : 2) with { FilterText = t.Name });
        }
    }

    private void AddSettings(List<CompletionItem> items, CompletionItemFactory f, SqlCatalog catalog, CursorContext context)
    {
        var qualifier = context.Qualifier.Count > 0 ? string.Join('.', context.Qualifier) + "." : "";
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, string? description, KnowledgeEntry? entry, int group)
        {
            if (!name.StartsWith(qualifier, StringComparison.OrdinalIgnoreCase) || !named.Add(name)) return;
            items.Add(f.Setting(name, name[qualifier.Length..], description, entry, group));
        }
        foreach (var entry in knowledge.OfKind(KnowledgeKind.Setting)) Add(entry.Name, null, entry, entry.Name.Contains('.') ? 0 : 1);
        foreach (var s in catalog.Shared.Settings) Add(s.Name, s.Description, null, 2);
    }

    private void AddSettingValues(List<CompletionItem> items, CompletionItemFactory f, SqlCatalog catalog, CursorContext context)
    {
        if (context.Setting is not { } name) return;
        var entry = knowledge.Find(KnowledgeKind.Setting, name);
        var setting = catalog.FindSetting(name);
        IEnumerable<string> values = entry?.Values.Count > 0 ? entry.Values
            : setting is { Type: "enum" } ? setting.Values
            : setting is { Type: "bool" } ? ["on", "off"]
            : [];
        foreach (var v in values) items.Add(f.Value(v, f.Documentation(entry, setting?.Description), 0));
    }

    private void AddIndexMethods(List<CompletionItem> items, CompletionItemFactory f, SqlCatalog catalog)
    {
        foreach (var entry in knowledge.OfKind(KnowledgeKind.IndexMethod))
            if (catalog.Shared.AccessMethods.Count == 0 || catalog.Shared.AccessMethods.Any(m => m.Name == entry.Name))
                items.Add(f.IndexMethod(entry.Name, null, 0));
        foreach (var m in catalog.Shared.AccessMethods) items.Add(f.IndexMethod(m.Name, m.Comment, 1));
    }

    private void AddOperatorClasses(List<CompletionItem> items, CompletionItemFactory f, SqlCatalog catalog, ScopeResolver scope, CursorContext context)
    {
        var columnType = context.IndexedColumn is { } column && context.Table is { } table
            ? scope.ColumnsOf(table).FirstOrDefault(c => c.Name == column)?.Type
            : null;
        var baseType = columnType is null ? null : SqlKnowledge.BaseTypeName(columnType);
        var classes = catalog.Shared.OperatorClasses
            .Where(c => context.IndexMethod is null || c.Method == context.IndexMethod)
            .Where(c => baseType is null || SqlKnowledge.BaseTypeName(c.InputType) == baseType)
            .ToList();
        foreach (var c in classes)
            items.Add(f.OperatorClass(c.Name, $"{c.Method} · {c.InputType}", knowledge.Find(KnowledgeKind.OperatorClass, c.Name) is null ? 1 : 0));
        if (classes.Count > 0 || catalog.Shared.OperatorClasses.Count > 0) return;
        foreach (var entry in knowledge.OfKind(KnowledgeKind.OperatorClass))
            if (baseType is null || entry.Name.StartsWith(baseType + "_", StringComparison.Ordinal))
                items.Add(f.OperatorClass(entry.Name, null, 0));
    }
}
