using System.Text;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Knowledge;

namespace ImmersiveLab.SqlAssist.Completion;

/// <summary>Makes the items of a list in one language: labels, what is inserted, details and Markdown documentation.</summary>
public sealed class CompletionItemFactory(SqlKnowledge knowledge, LabReferences labs, string language)
{
    private const int ColumnsInDocumentation = 12;

    public string Language { get; } = AssistText.Lang(language);

    /// <summary>Knowledge text with the lab that teaches it, else <paramref name="fallback"/> (a catalog comment).</summary>
    public string? Documentation(KnowledgeEntry? entry, string? fallback = null)
    {
        if (entry is null) return string.IsNullOrWhiteSpace(fallback) ? null : fallback;
        var text = entry.Text.Get(Language);
        return labs.For(entry, Language) is { } lab ? text + "\n\n" + AssistText.TaughtIn(lab, Language) : text;
    }

    public CompletionItem Keyword(string word, int group) => new()
    {
        Label = word,
        Kind = CompletionItemKind.Keyword,
        InsertText = word is "=" ? "= " : word + (word.EndsWith('(') ? "" : " "),
        SortText = Sort(group, word),
    };

    public CompletionItem Schema(CatalogSchema schema, int group) => new()
    {
        Label = schema.Name,
        Kind = CompletionItemKind.Schema,
        InsertText = IdentifierText.Quote(schema.Name) + ".",
        Detail = AssistText.Kind("schema", Language),
        Documentation = schema.Comment,
        SortText = Sort(group, schema.Name),
        TriggersSuggest = true,
    };

    public CompletionItem Relation(CatalogRelation relation, bool qualify, int group)
    {
        var name = qualify ? $"{relation.Schema}.{relation.Name}" : relation.Name;
        return new CompletionItem
        {
            Label = name,
            Kind = relation.Kind is RelationKind.View or RelationKind.MaterializedView ? CompletionItemKind.View : CompletionItemKind.Table,
            InsertText = qualify ? IdentifierText.Quote(relation.Schema) + "." + IdentifierText.Quote(relation.Name) : IdentifierText.Quote(relation.Name),
            FilterText = qualify ? relation.Name : null,
            Detail = $"{AssistText.Kind(KindWord(relation.Kind), Language)} · {relation.Schema}",
            Documentation = RelationDocumentation(relation),
            SortText = Sort(group, relation.Name),
        };
    }

    public string RelationDocumentation(CatalogRelation relation)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(relation.Comment)) text.Append(relation.Comment).Append("\n\n");
        foreach (var c in relation.Columns.Take(ColumnsInDocumentation)) text.Append($"- `{c.Name}` {c.Type}\n");
        if (relation.Columns.Count > ColumnsInDocumentation)
            text.Append($"- … {relation.Columns.Count - ColumnsInDocumentation} {AssistText.Kind("more columns", Language)}\n");
        return text.ToString().TrimEnd();
    }

    public CompletionItem Column(ScopeColumn column, string? table, int group, string? label = null) => new()
    {
        Label = label ?? column.Name,
        Kind = CompletionItemKind.Column,
        InsertText = label is null ? IdentifierText.Quote(column.Name) : label,
        Detail = string.Join(" · ", new[] { column.Type, table }.Where(s => !string.IsNullOrEmpty(s))),
        Documentation = column.Comment,
        SortText = Sort(group, label ?? column.Name),
    };

    public CompletionItem Alias(ScopeTable table, int group) => new()
    {
        Label = table.ExposedName,
        Kind = CompletionItemKind.Alias,
        InsertText = IdentifierText.Quote(table.ExposedName) + ".",
        Detail = table.Relation is { } r ? $"{r.Schema}.{r.Name}"
            : AssistText.Kind(table.IsCte ? "cte" : table.Reference.Kind == Parsing.TableSourceKind.Subquery ? "subquery" : "alias", Language),
        SortText = Sort(group, table.ExposedName),
        TriggersSuggest = true,
    };

    /// <summary>One item for all overloads of a function; inserting it opens its parentheses and its parameter hints.</summary>
    public CompletionItem Function(IReadOnlyList<CatalogFunction> overloads, bool qualify, int group)
    {
        var f = overloads[0];
        var name = qualify ? $"{f.Schema}.{f.Name}" : f.Name;
        var insert = qualify ? IdentifierText.Quote(f.Schema) + "." + IdentifierText.Quote(f.Name) : IdentifierText.Quote(f.Name);
        var takesArguments = overloads.Any(o => o.Parameters.Count > 0);
        var detail = f.Signature + (overloads.Count > 1 ? $" (+{overloads.Count - 1} {AssistText.Kind("overloads", Language)})" : "");
        return new CompletionItem
        {
            Label = name,
            Kind = f.Kind == FunctionKind.Aggregate ? CompletionItemKind.Aggregate : CompletionItemKind.Function,
            InsertText = takesArguments ? insert + "($0)" : insert + "()",
            InsertAsSnippet = takesArguments,
            FilterText = qualify ? f.Name : null,
            Detail = detail,
            Documentation = Documentation(knowledge.Find(KnowledgeKind.Function, f.Name), overloads.Select(o => o.Comment).FirstOrDefault(c => c is not null)),
            SortText = Sort(group, f.Name),
            TriggersSignatureHelp = takesArguments,
        };
    }

    public CompletionItem Type(string label, string insert, bool snippet, string? detail, string? documentation, int group) => new()
    {
        Label = label,
        Kind = CompletionItemKind.Type,
        InsertText = insert,
        InsertAsSnippet = snippet,
        Detail = detail ?? AssistText.Kind("type", Language),
        Documentation = documentation,
        SortText = Sort(group, label),
    };

    public CompletionItem Setting(string name, string insert, string? description, KnowledgeEntry? entry, int group) => new()
    {
        Label = name,
        Kind = CompletionItemKind.Setting,
        InsertText = insert,
        FilterText = insert,
        Detail = AssistText.Kind("setting", Language),
        Documentation = Documentation(entry, description),
        SortText = Sort(group, name),
    };

    public CompletionItem Value(string value, string? documentation, int group) => new()
    {
        Label = value,
        Kind = CompletionItemKind.Value,
        InsertText = value,
        Documentation = documentation,
        SortText = Sort(group, value),
    };

    public CompletionItem Operator(string name, string? detail, KnowledgeEntry? entry, int group) => new()
    {
        Label = name,
        Kind = CompletionItemKind.Operator,
        InsertText = name + " ",
        FilterText = name,
        Detail = detail,
        Documentation = Documentation(entry),
        SortText = Sort(group, name),
    };

    public CompletionItem IndexMethod(string name, string? comment, int group) => new()
    {
        Label = name,
        Kind = CompletionItemKind.IndexMethod,
        InsertText = name + " ",
        Documentation = Documentation(knowledge.Find(KnowledgeKind.IndexMethod, name), comment),
        SortText = Sort(group, name),
    };

    public CompletionItem OperatorClass(string name, string? inputType, int group) => new()
    {
        Label = name,
        Kind = CompletionItemKind.OperatorClass,
        InsertText = name,
        Detail = inputType,
        Documentation = Documentation(knowledge.Find(KnowledgeKind.OperatorClass, name)),
        SortText = Sort(group, name),
    };

    public CompletionItem IndexOption(KnowledgeEntry option, int group) => new()
    {
        Label = option.Name,
        Kind = CompletionItemKind.IndexOption,
        InsertText = option.Name + " = ",
        Detail = string.Join(", ", option.AppliesTo),
        Documentation = Documentation(option),
        SortText = Sort(group, option.Name),
    };

    public CompletionItem Index(CatalogIndex index, bool qualify, int group) => new()
    {
        Label = qualify ? $"{index.Schema}.{index.Name}" : index.Name,
        Kind = CompletionItemKind.Index,
        InsertText = qualify ? IdentifierText.Quote(index.Schema) + "." + IdentifierText.Quote(index.Name) : IdentifierText.Quote(index.Name),
        FilterText = qualify ? index.Name : null,
        Detail = $"{index.Method} · {index.Table}",
        Documentation = $"```sql\n{index.Definition}\n```",
        SortText = Sort(group, index.Name),
    };

    public static string Sort(int group, string label) => $"{group:D2}{label.ToLowerInvariant()}";

    public static string KindWord(RelationKind kind) => kind switch
    {
        RelationKind.View => "view",
        RelationKind.MaterializedView => "materialized view",
        RelationKind.ForeignTable => "foreign table",
        RelationKind.PartitionedTable => "partitioned table",
        _ => "table",
    };
}
