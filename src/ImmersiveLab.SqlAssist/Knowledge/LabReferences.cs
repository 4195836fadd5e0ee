using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using ImmersiveLab.Labs;

namespace ImmersiveLab.SqlAssist.Knowledge;

/// <summary>Where the labs teach something: the lab's title and the first step that mentions it, in one language.</summary>
public sealed record LabReference(string LabId, string Title, int? Step, string Url);

/// <summary>
/// Finds, for a knowledge entry, the step of its lab that first mentions the entry's name (in the SQL of a cell or the
/// text), so "taught in" can link to that step. Cached per lab, name and language; the cache is dropped when the labs reload.
/// </summary>
public sealed class LabReferences
{
    private readonly ILabCatalog _labs;
    private readonly ConcurrentDictionary<(string Lab, KnowledgeKind Kind, string Name, string Language), LabReference?> _cache = new();

    public LabReferences(ILabCatalog labs)
    {
        _labs = labs;
        labs.Reloaded += _ => _cache.Clear();
    }

    public LabReference? For(KnowledgeEntry entry, string language)
    {
        if (entry.Lab is not { } labId) return null;
        language = LabLanguages.Normalize(language) ?? LabLanguages.English;
        return _cache.GetOrAdd((labId, entry.Kind, entry.Name, language), key => Resolve(key.Lab, key.Kind, key.Name, key.Language));
    }

    private LabReference? Resolve(string labId, KnowledgeKind kind, string name, string language)
    {
        if (_labs.Find(labId) is not { } lab) return null;
        var document = lab.Document(language);
        var pattern = Mentions(kind, name);
        var step = document.Steps.FirstOrDefault(s => s.Blocks.Any(b => b switch
        {
            SqlCell cell => pattern.IsMatch(cell.Sql),
            MarkdownBlock text => pattern.IsMatch(WebUtility.HtmlDecode(text.Html)),
            _ => false,
        }));
        var url = step is null ? $"/labs/{lab.Id}" : $"/labs/{lab.Id}/{step.Number}";
        return new LabReference(lab.Id, lab.Title.Get(language), step?.Number, url);
    }

    /// <summary>A whole-word mention; an index option must be given a value (m = 8), so that a lone "m" does not count.</summary>
    internal static Regex Mentions(KnowledgeKind kind, string name)
    {
        var escaped = Regex.Escape(name);
        var word = char.IsLetterOrDigit(name[0]) || name[0] == '_' ? $@"(?<!\w){escaped}(?!\w)" : escaped;
        return new Regex(kind == KnowledgeKind.IndexOption ? word + @"\s*=" : word, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
