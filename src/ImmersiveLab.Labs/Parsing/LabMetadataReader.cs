using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImmersiveLab.Labs;

/// <summary>
/// Reads lab.yaml with YamlDotNet's node model (not a typed deserialiser) so that every problem, including
/// an unknown key such as a misspelt <c>minute:</c>, can be reported with its line.
/// </summary>
public static class LabMetadataReader
{
    public static IReadOnlyList<string> Keys { get; } = ["id", "minutes", "tags", "title", "summary", "objectives", "prerequisites"];

    public static LabMetadata Read(string yaml, string file)
    {
        var errors = new List<LabFormatError>();
        var keyLines = new Dictionary<string, int>();
        string? id = null;
        int? minutes = null;
        var tags = new List<string>();
        LocalizedText? title = null, summary = null;
        LocalizedList? objectives = null;
        LabPrerequisites? prerequisites = null;

        YamlMappingNode? root = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
            if (root is null)
            {
                errors.Add(new LabFormatError(file, 1, "lab.yaml must be a mapping of id, minutes, tags, title and summary"));
            }
        }
        catch (YamlException e)
        {
            errors.Add(new LabFormatError(file, LineOf(e.Start), $"not valid YAML: {e.InnerException?.Message ?? e.Message}"));
        }

        foreach (var (keyNode, value) in root?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var line = LineOf(keyNode.Start);
            keyLines.TryAdd(key, line);
            switch (key)
            {
                case "id":
                    id = Scalar(value, key, line, errors);
                    break;
                case "minutes":
                    var text = Scalar(value, key, line, errors);
                    if (int.TryParse(text, out var number))
                    {
                        minutes = number;
                    }
                    else
                    {
                        errors.Add(new LabFormatError(file, line, $"minutes must be a whole number, not '{text}'"));
                    }

                    break;
                case "tags":
                    tags.AddRange(Tags(value, line, errors));
                    break;
                case "title":
                    title = Localized(value, key, line, errors);
                    break;
                case "summary":
                    summary = Localized(value, key, line, errors);
                    break;
                case "objectives":
                    objectives = List(value, key, line, errors, allowLabs: false).Text;
                    break;
                case "prerequisites":
                    var (labs, words) = List(value, key, line, errors, allowLabs: true);
                    prerequisites = new LabPrerequisites(labs, words);
                    break;
                default:
                    errors.Add(new LabFormatError(file, line, $"unknown key '{key}' (known: {string.Join(", ", Keys)})"));
                    break;
            }
        }

        return new LabMetadata(file, id, minutes, tags, title, summary, keyLines, errors)
        {
            Objectives = objectives,
            Prerequisites = prerequisites,
        };

        // objectives: { en: [...], zh: [...] }; prerequisites may add labs: [lab ids].
        (IReadOnlyList<string> Labs, LocalizedList Text) List(YamlNode node, string key, int line, List<LabFormatError> found, bool allowLabs)
        {
            var expected = allowLabs ? "'labs', 'en' and/or 'zh' lists" : "an 'en' and/or a 'zh' list";
            if (node is not YamlMappingNode mapping)
            {
                found.Add(new LabFormatError(file, line, $"'{key}' must have {expected}"));
                return ([], LocalizedList.Empty);
            }

            IReadOnlyList<string> labs = [];
            IReadOnlyList<string>? en = null, zh = null;
            foreach (var (entryNode, itemsNode) in mapping.Children)
            {
                var entry = (entryNode as YamlScalarNode)?.Value;
                var entryLine = LineOf(entryNode.Start);
                if (itemsNode is not YamlSequenceNode sequence || !sequence.Children.All(c => c is YamlScalarNode))
                {
                    found.Add(new LabFormatError(file, entryLine, $"'{key}.{entry}' must be a list, e.g. {entry}: [one, two]"));
                    continue;
                }

                var items = sequence.Children.Cast<YamlScalarNode>().Select(c => (c.Value ?? "").Trim()).ToList();
                if (items.Any(i => i.Length == 0))
                {
                    found.Add(new LabFormatError(file, entryLine, $"'{key}.{entry}' has an empty item"));
                }

                switch (entry)
                {
                    case LabLanguages.English: en = items; break;
                    case LabLanguages.Chinese: zh = items; break;
                    case "labs" when allowLabs: labs = items; break;
                    default:
                        found.Add(new LabFormatError(file, entryLine, $"'{key}' has an entry '{entry}'; it takes {expected}"));
                        break;
                }
            }

            return (labs, new LocalizedList(en, zh));
        }

        string? Scalar(YamlNode node, string key, int line, List<LabFormatError> found)
        {
            if (node is YamlScalarNode scalar)
            {
                return string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
            }

            found.Add(new LabFormatError(file, line, $"'{key}' must be a single value"));
            return null;
        }

        IEnumerable<string> Tags(YamlNode node, int line, List<LabFormatError> found)
        {
            if (node is YamlSequenceNode sequence && sequence.Children.All(c => c is YamlScalarNode))
            {
                return sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "").Where(t => t.Length > 0);
            }

            found.Add(new LabFormatError(file, line, "tags must be a list, e.g. tags: [pgvector, hnsw]"));
            return [];
        }

        LocalizedText? Localized(YamlNode node, string key, int line, List<LabFormatError> found)
        {
            if (node is not YamlMappingNode mapping)
            {
                found.Add(new LabFormatError(file, line, $"'{key}' must have an 'en' and/or a 'zh' entry"));
                return null;
            }

            string? en = null, zh = null;
            foreach (var (languageNode, textNode) in mapping.Children)
            {
                var language = (languageNode as YamlScalarNode)?.Value;
                var text = Scalar(textNode, $"{key}.{language}", LineOf(languageNode.Start), found);
                switch (language)
                {
                    case LabLanguages.English: en = text; break;
                    case LabLanguages.Chinese: zh = text; break;
                    default:
                        found.Add(new LabFormatError(file, LineOf(languageNode.Start),
                            $"'{key}' has an entry for '{language}'; the languages are en and zh"));
                        break;
                }
            }

            return new LocalizedText(en, zh);
        }
    }

    private static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);
}
