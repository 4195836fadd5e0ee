namespace ImmersiveLab.SqlAssist.Catalog;

/// <summary>One parameter of a function as pg_get_function_arguments writes it: "[mode] [name] type [DEFAULT expr]".</summary>
public sealed record FunctionParameter(string Text, string? Name, string Type, bool HasDefault, bool IsVariadic)
{
    private static readonly HashSet<string> Modes = new(StringComparer.OrdinalIgnoreCase) { "IN", "OUT", "INOUT", "VARIADIC" };

    /// <summary>The input parameters (OUT parameters are results, not arguments) of an argument list.</summary>
    public static IReadOnlyList<FunctionParameter> Parse(string arguments)
    {
        var result = new List<FunctionParameter>();
        foreach (var raw in SplitTopLevel(arguments))
        {
            var text = raw.Trim();
            if (text.Length == 0) continue;
            var hasDefault = false;
            var declaration = text;
            var defaultAt = text.IndexOf(" DEFAULT ", StringComparison.Ordinal);
            if (defaultAt >= 0)
            {
                hasDefault = true;
                declaration = text[..defaultAt];
            }
            var words = declaration.Split(' ', 2);
            var variadic = false;
            if (words.Length == 2 && Modes.Contains(words[0]))
            {
                if (words[0].Equals("OUT", StringComparison.OrdinalIgnoreCase)) continue;
                variadic = words[0].Equals("VARIADIC", StringComparison.OrdinalIgnoreCase);
                declaration = words[1];
                text = variadic ? text : text[(words[0].Length + 1)..];
            }
            var (name, type) = SplitName(declaration);
            result.Add(new FunctionParameter(text, name, type, hasDefault, variadic));
        }
        return result;
    }

    /// <summary>"a vector" → (a, vector); "double precision" → (null, double precision); "\"x y\" text" → ("x y", text).</summary>
    private static (string? Name, string Type) SplitName(string declaration)
    {
        declaration = declaration.Trim();
        if (declaration.StartsWith('"'))
        {
            var close = declaration.IndexOf('"', 1);
            while (close > 0 && close + 1 < declaration.Length && declaration[close + 1] == '"') close = declaration.IndexOf('"', close + 2);
            if (close > 0 && close + 1 < declaration.Length)
                return (declaration[1..close].Replace("\"\"", "\""), declaration[(close + 1)..].Trim());
            return (null, declaration);
        }
        var space = declaration.IndexOf(' ');
        if (space < 0) return (null, declaration);
        var first = declaration[..space];
        // The first word is a name only if what follows is a type on its own: "double precision", "character varying",
        // "timestamp with time zone" and "bit varying" are types of two or more words.
        return MultiWordTypeStarts.Contains(first) ? (null, declaration) : (first, declaration[(space + 1)..].Trim());
    }

    private static readonly HashSet<string> MultiWordTypeStarts = new(StringComparer.Ordinal)
    {
        "double", "character", "timestamp", "time", "bit", "interval",
    };

    internal static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"') inQuotes = !inQuotes;
            else if (inQuotes) continue;
            else if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == '\'')
            {
                // A default's string literal: skip to its closing quote ('' is a quote inside).
                for (i++; i < text.Length; i++)
                {
                    if (text[i] != '\'') continue;
                    if (i + 1 < text.Length && text[i + 1] == '\'') i++;
                    else break;
                }
            }
            else if (c == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        if (start < text.Length) yield return text[start..];
    }
}
