using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImmersiveLab.Labs;

namespace ImmersiveLab.SqlAssist.Knowledge;

/// <summary>The built-in explanations of pgvector and PostgreSQL (Knowledge/sql-knowledge.json, embedded).</summary>
public sealed class SqlKnowledge
{
    private readonly Dictionary<(KnowledgeKind, string), List<KnowledgeEntry>> _byName = [];

    public SqlKnowledge(IReadOnlyList<KnowledgeEntry> entries)
    {
        Entries = entries;
        foreach (var e in entries)
        {
            var key = (e.Kind, Key(e.Kind, e.Name));
            if (!_byName.TryGetValue(key, out var list)) _byName[key] = list = [];
            list.Add(e);
        }
    }

    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    // Before BuiltIn: static initializers run in order.
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static SqlKnowledge BuiltIn { get; } = Load();

    public IEnumerable<KnowledgeEntry> OfKind(KnowledgeKind kind) => Entries.Where(e => e.Kind == kind);

    /// <summary>Every entry of this kind and name (an operator has one per family of operand types).</summary>
    public IReadOnlyList<KnowledgeEntry> All(KnowledgeKind kind, string name) =>
        _byName.TryGetValue((kind, Key(kind, name)), out var list) ? list : [];

    /// <summary>The entry of this kind and name; for operators and options, the one about <paramref name="appliesTo"/> when given.</summary>
    public KnowledgeEntry? Find(KnowledgeKind kind, string name, string? appliesTo = null)
    {
        var all = All(kind, name);
        if (all.Count == 0) return null;
        if (appliesTo is null) return all[0];
        var bare = BaseTypeName(appliesTo);
        return all.FirstOrDefault(e => e.AppliesTo.Count == 0 || e.AppliesTo.Contains(bare, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>"vector(1280)" → "vector", "bit(64)" → "bit", "public.cube" → "cube".</summary>
    public static string BaseTypeName(string type)
    {
        var t = type.Trim();
        var paren = t.IndexOf('(');
        if (paren >= 0) t = t[..paren];
        var dot = t.LastIndexOf('.');
        if (dot >= 0) t = t[(dot + 1)..];
        return t.Trim().Trim('"').ToLowerInvariant();
    }

    private static string Key(KnowledgeKind kind, string name) => kind == KnowledgeKind.Operator ? name : name.ToLowerInvariant();

    private static SqlKnowledge Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ImmersiveLab.SqlAssist.sql-knowledge.json")
            ?? throw new InvalidOperationException("The embedded sql-knowledge.json is missing.");
        var file = JsonSerializer.Deserialize<KnowledgeFile>(stream, FileJson) ?? throw new InvalidOperationException("sql-knowledge.json is empty.");
        return new SqlKnowledge(file.Entries.Select(e => new KnowledgeEntry(
            e.Kind, e.Name, new LocalizedText(e.En, e.Zh), e.Lab, e.AppliesTo ?? [], e.Values ?? [])).ToList());
    }

    private sealed record KnowledgeFile(List<FileEntry> Entries);

    private sealed record FileEntry(KnowledgeKind Kind, string Name, string? En, string? Zh, string? Lab, List<string>? AppliesTo, List<string>? Values);
}
