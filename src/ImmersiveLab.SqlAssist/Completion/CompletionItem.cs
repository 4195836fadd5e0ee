using System.Text.Json.Serialization;
using ImmersiveLab.SqlAssist.Catalog;

namespace ImmersiveLab.SqlAssist.Completion;

[JsonConverter(typeof(JsonStringEnumConverter<CompletionItemKind>))]
public enum CompletionItemKind
{
    Keyword, Schema, Table, View, Column, Function, Aggregate, Type, Setting, Value, Operator, IndexMethod, OperatorClass,
    IndexOption, Index, Alias,
}

/// <summary>
/// One suggestion, editor-neutral. <see cref="InsertText"/> replaces the list's range; with <see cref="InsertAsSnippet"/>
/// it holds $0 / ${1:…} placeholders (Monaco's and CodeMirror's snippet syntax). <see cref="Documentation"/> is Markdown.
/// <see cref="TriggersSignatureHelp"/>: a function, shows its parameters once inserted; <see cref="TriggersSuggest"/>:
/// a schema or alias inserted with its dot, opens the next list.
/// </summary>
public sealed record CompletionItem
{
    public required string Label { get; init; }
    public required CompletionItemKind Kind { get; init; }
    public required string InsertText { get; init; }
    public string? Detail { get; init; }
    public string? Documentation { get; init; }
    public bool InsertAsSnippet { get; init; }
    public required string SortText { get; init; }
    public string? FilterText { get; init; }
    public bool TriggersSignatureHelp { get; init; }
    public bool TriggersSuggest { get; init; }
}

/// <summary>
/// The suggestions for one position: every item replaces [<see cref="ReplaceStart"/>, <see cref="ReplaceEnd"/>) (UTF-16
/// offsets in the cell). <see cref="IsIncomplete"/>: ask again as the learner types (the list was cut, or the catalog
/// was not read yet). <see cref="Catalog"/> says how current the learner's catalog behind it was.
/// </summary>
public sealed record CompletionList(
    IReadOnlyList<CompletionItem> Items,
    int ReplaceStart,
    int ReplaceEnd,
    bool IsIncomplete,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CatalogFreshness>))] CatalogFreshness Catalog)
{
    public static CompletionList Empty(int offset) => new([], offset, offset, false, CatalogFreshness.Fresh);
}
