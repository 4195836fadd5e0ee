using System.Text.RegularExpressions;
using ImmersiveLab.SqlAssist.Parsing;

namespace ImmersiveLab.SqlAssist.Completion;

/// <summary>How a name is written in SQL: bare when PostgreSQL would fold it to itself, else in double quotes.</summary>
public static partial class IdentifierText
{
    public static string Quote(string name) =>
        Plain().IsMatch(name) && !SqlKeywords.Reserved.Contains(name.ToUpperInvariant()) ? name : "\"" + name.Replace("\"", "\"\"") + "\"";

    [GeneratedRegex("^[a-z_][a-z0-9_$]*$")]
    private static partial Regex Plain();
}
