using System.Text;
using ImmersiveLab.Sql;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Completion;
using ImmersiveLab.SqlAssist.Knowledge;
using ImmersiveLab.SqlAssist.Parsing;

namespace ImmersiveLab.SqlAssist.Hover;

/// <summary>What the editor shows when the pointer rests on a word: Markdown, and the range of text it is about.</summary>
public sealed record HoverInfo(string Markdown, int Start, int End);

/// <summary>
/// Hover help: a distance operator (explained for the type of its operand), a setting, a type, an index method, operator
/// class or option, a function (its overloads), a table or alias (its columns), a column (its type and table), a schema,
/// an index (its definition).
/// </summary>
public sealed class SqlHoverProvider(SqlKnowledge knowledge, LabReferences labs)
{
    private const int MaxOverloads = 6;

    public HoverInfo? Hover(string text, int offset, SqlCatalog catalog, string language)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var tokens = SqlLexer.Tokenize(text);
        // The word or operator under the pointer, else the one just before it (the pointer at a word's end).
        static bool Named(SqlToken t) => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.Operator;
        var at = tokens.FindIndex(t => t.Start <= offset && offset < t.End && Named(t));
        if (at < 0) at = tokens.FindIndex(t => t.Start < offset && offset == t.End && Named(t));
        if (at < 0) return null;
        var token = tokens[at];
        var f = new CompletionItemFactory(knowledge, labs, language);
        string? markdown = token.Kind switch
        {
            SqlTokenKind.Operator => OperatorHover(text, tokens, token, catalog, f),
            SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier => NameHover(text, tokens, at, catalog, f),
            _ => null,
        };
        return markdown is null ? null : new HoverInfo(markdown, token.Start, token.End);
    }

    private string? OperatorHover(string text, List<SqlToken> tokens, SqlToken token, SqlCatalog catalog, CompletionItemFactory f)
    {
        var name = text[token.Start..token.End];
        var entries = knowledge.All(KnowledgeKind.Operator, name);
        if (entries.Count == 0) return null;
        var context = CursorContextAnalyzer.Analyze(text, tokens, token.Start);
        var scope = new ScopeResolver(catalog, context);
        var type = context.Operand?.CastType ?? (context.Operand?.ColumnReference is { } r ? scope.TypeOf(r) : null);
        var baseType = type is null ? null : SqlKnowledge.BaseTypeName(type);
        var matching = baseType is null ? entries : entries.Where(e => e.AppliesTo.Contains(baseType, StringComparer.OrdinalIgnoreCase)).ToList();
        if (matching.Count == 0) matching = entries;
        var md = new StringBuilder($"**`{name}`**");
        if (matching.Count == 1) return md.Append("\n\n").Append(f.Documentation(matching[0])).ToString();
        foreach (var e in matching) md.Append($"\n\n*{string.Join(", ", e.AppliesTo)}*: ").Append(f.Documentation(e));
        return md.ToString();
    }

    private string? NameHover(string text, List<SqlToken> tokens, int at, SqlCatalog catalog, CompletionItemFactory f)
    {
        // The dotted name the word belongs to: hnsw.ef_search, lab.sample_images, p.embedding.
        var first = at;
        while (first >= 2 && tokens[first - 1].Kind == SqlTokenKind.Dot && tokens[first - 2].IsIdentifier) first -= 2;
        var last = at;
        while (last + 2 < tokens.Count && tokens[last + 1].Kind == SqlTokenKind.Dot && tokens[last + 2].IsIdentifier) last += 2;
        var chain = new List<string>();
        for (var i = first; i <= last; i += 2) chain.Add(SqlLexer.IdentifierValue(text, tokens[i]));
        var part = (at - first) / 2;
        var upTo = chain.Take(part + 1).ToList();
        var isCall = last + 1 < tokens.Count && tokens[last + 1].Kind == SqlTokenKind.OpenParen && part == chain.Count - 1;

        var context = CursorContextAnalyzer.Analyze(text, tokens, tokens[first].Start);
        var dotted = string.Join('.', chain);
        switch (context.Kind)
        {
            case AssistContextKind.SettingName:
                return Titled(dotted, f.Documentation(knowledge.Find(KnowledgeKind.Setting, dotted), catalog.FindSetting(dotted)?.Description));
            case AssistContextKind.IndexMethod:
                return Titled(dotted, f.Documentation(knowledge.Find(KnowledgeKind.IndexMethod, dotted),
                    catalog.Shared.AccessMethods.FirstOrDefault(m => m.Name == dotted)?.Comment));
            case AssistContextKind.OperatorClass:
                return Titled(dotted, f.Documentation(knowledge.Find(KnowledgeKind.OperatorClass, chain[^1])));
            case AssistContextKind.IndexOption:
                return Titled(dotted, f.Documentation(knowledge.Find(KnowledgeKind.IndexOption, dotted)));
            case AssistContextKind.Type:
                return TypeHover(chain, part, catalog, f);
            case AssistContextKind.Index:
                if (part == chain.Count - 1 && catalog.FindIndex(chain.Count > 1 ? chain[^2] : null, chain[^1]) is { } index)
                    return $"**{AssistText.Kind("index", f.Language)}** `{index.Schema}.{index.Name}`\n\n```sql\n{index.Definition}\n```";
                break;
        }
        if (isCall) return FunctionHover(chain, catalog, f);
        var scope = new ScopeResolver(catalog, context);

        if (context.Kind == AssistContextKind.Relation || (context.Kind == AssistContextKind.None && part == chain.Count - 1))
        {
            if (part == chain.Count - 1 && catalog.FindRelation(chain.Count > 1 ? chain[^2] : null, chain[^1]) is { } relation)
                return RelationHover(relation, f);
        }
        // A column (t.a, a), a table or alias used as a qualifier, a schema.
        if (part == chain.Count - 1 && chain.Count >= 2 && scope.ColumnsOfQualifier(chain.Take(chain.Count - 1).ToList()) is { } columns
            && columns.FirstOrDefault(c => c.Name == chain[^1]) is { } qualified)
            return ColumnHover(qualified, string.Join('.', chain.Take(chain.Count - 1)), f);
        if (upTo.Count == 1)
        {
            var name = upTo[0];
            if (scope.FindTable(name) is { } table && (part < chain.Count - 1 || table.Columns.All(c => c.Name != name)))
                return table.Relation is { } r ? RelationHover(r, f) : $"**{name}**: {AssistText.Kind(table.IsCte ? "cte" : "subquery", f.Language)}";
            if (chain.Count == 1 && scope.Tables.FirstOrDefault(t => t.Columns.Any(c => c.Name == name)) is { } owner)
                return ColumnHover(owner.Columns.First(c => c.Name == name), owner.ExposedName, f);
            if (part < chain.Count - 1 && catalog.Learner.Schemas.FirstOrDefault(s => s.Name == name) is { } schema)
                return $"**{AssistText.Kind("schema", f.Language)}** `{schema.Name}`" + (schema.Comment is null ? "" : "\n\n" + schema.Comment);
        }
        if (upTo.Count == 2 && part == 1 && catalog.FindRelation(upTo[0], upTo[1]) is { } schemaTable) return RelationHover(schemaTable, f);
        if (chain.Count == 1 && knowledge.Find(KnowledgeKind.Type, chain[0]) is { } type) return Titled(chain[0], f.Documentation(type));
        return null;
    }

    private string? TypeHover(List<string> chain, int part, SqlCatalog catalog, CompletionItemFactory f)
    {
        if (part != chain.Count - 1) return null;
        var name = chain[^1];
        if (knowledge.Find(KnowledgeKind.Type, name) is { } entry) return Titled(name, f.Documentation(entry));
        return catalog.FindType(chain.Count > 1 ? chain[^2] : null, name) is { Comment: { } comment } ? Titled(name, comment) : null;
    }

    private string? FunctionHover(List<string> chain, SqlCatalog catalog, CompletionItemFactory f)
    {
        var overloads = catalog.FunctionsNamed(chain.Count > 1 ? chain[^2] : null, chain[^1]);
        var entry = knowledge.Find(KnowledgeKind.Function, chain[^1]);
        if (overloads.Count == 0) return entry is null ? null : Titled(chain[^1], f.Documentation(entry));
        var md = new StringBuilder("```sql\n");
        foreach (var o in overloads.Take(MaxOverloads)) md.Append(o.Schema).Append('.').Append(o.Signature).Append('\n');
        if (overloads.Count > MaxOverloads) md.Append($"-- +{overloads.Count - MaxOverloads} {AssistText.Kind("overloads", f.Language)}\n");
        md.Append("```");
        if (f.Documentation(entry, overloads.Select(o => o.Comment).FirstOrDefault(c => c is not null)) is { } doc) md.Append("\n\n").Append(doc);
        return md.ToString();
    }

    private static string RelationHover(CatalogRelation relation, CompletionItemFactory f) =>
        $"**{AssistText.Kind(CompletionItemFactory.KindWord(relation.Kind), f.Language)}** `{relation.Schema}.{relation.Name}`\n\n" + f.RelationDocumentation(relation);

    private static string ColumnHover(ScopeColumn column, string table, CompletionItemFactory f) =>
        $"**{AssistText.Kind("column", f.Language)}** `{table}.{column.Name}`" + (column.Type is null ? "" : $" `{column.Type}`")
        + (column.Comment is null ? "" : "\n\n" + column.Comment);

    private static string? Titled(string name, string? documentation) => documentation is null ? null : $"**{name}**\n\n{documentation}";
}
