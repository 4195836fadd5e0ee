using System.Text;
using ImmersiveLab.Sql;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Knowledge;
using ImmersiveLab.SqlAssist.Parsing;

namespace ImmersiveLab.SqlAssist.Signatures;

/// <summary>A parameter of a signature: its text, and where that text is in the signature's label ([Start, End)).</summary>
public sealed record SignatureParameter(string Label, int Start, int End);

public sealed record SignatureInfo(string Label, string? Documentation, IReadOnlyList<SignatureParameter> Parameters);

/// <summary>The overloads of the function whose arguments are being typed, the one that fits best, and the argument the cursor is in.</summary>
public sealed record SignatureHelp(IReadOnlyList<SignatureInfo> Signatures, int ActiveSignature, int ActiveParameter);

/// <summary>Signature help: inside f(…, |) the overloads of f from the learner's catalog, with the current argument marked.</summary>
public sealed class SqlSignatureHelpProvider(SqlKnowledge knowledge, LabReferences labs)
{
    private const int MaxOverloads = 12;

    /// <summary>The function call around <paramref name="offset"/>, or null when the cursor is in no call's parentheses.</summary>
    public static (IReadOnlyList<string> Name, int ActiveParameter)? CallAt(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var tokens = SqlLexer.Tokenize(text);
        if (tokens.Any(t => t.Kind is SqlTokenKind.String or SqlTokenKind.Comment && t.Start < offset && (offset < t.End || t.Unterminated)))
            return null;
        var s = StatementSyntax.At(text, tokens, offset);
        var cursor = s.Tokens.FindIndex(t => t.Start >= offset);
        if (cursor < 0) cursor = s.Tokens.Count;
        for (var group = s.GroupAt(cursor); !group.IsStatement; group = group.Parent!)
        {
            var first = group.Level.Count > 0 ? s.Keyword(group.Level[0]) : null;
            if (first is "SELECT" or "WITH" or "VALUES") return null; // a subquery's own text, not an argument list
            var opener = group.Open - 1;
            if (!s.IsIdentifier(opener) || (s.Keyword(opener) is { } k && SqlKeywords.Reserved.Contains(k) && k is not ("LEFT" or "RIGHT")))
                continue;
            var name = new List<string> { s.Identifier(opener) };
            var j = opener;
            while (s.IsKind(j - 1, SqlTokenKind.Dot) && s.IsIdentifier(j - 2))
            {
                name.Insert(0, s.Identifier(j - 2));
                j -= 2;
            }
            var commas = group.Level.Count(i => i < cursor && s.IsKind(i, SqlTokenKind.Comma));
            return (name, commas);
        }
        return null;
    }

    public SignatureHelp? Help(string text, int offset, SqlCatalog catalog, string language)
    {
        if (CallAt(text, offset) is not var (name, active)) return null;
        var schema = name.Count >= 2 ? name[^2] : null;
        var overloads = catalog.FunctionsNamed(schema, name[^1]);
        if (overloads.Count == 0) return null;
        language = AssistText.Lang(language);
        var entry = knowledge.Find(KnowledgeKind.Function, name[^1]);
        var signatures = overloads.Take(MaxOverloads).Select(f => Signature(f, entry, language)).ToList();
        var best = overloads.Take(MaxOverloads).ToList().FindIndex(f => f.Parameters.Count > active || f.Parameters.Any(p => p.IsVariadic));
        return new SignatureHelp(signatures, Math.Max(0, best), active);
    }

    private SignatureInfo Signature(CatalogFunction function, KnowledgeEntry? entry, string language)
    {
        var label = new StringBuilder(function.Name).Append('(');
        var parameters = new List<SignatureParameter>();
        foreach (var p in function.Parameters)
        {
            if (parameters.Count > 0) label.Append(", ");
            var start = label.Length;
            label.Append(p.Text);
            parameters.Add(new SignatureParameter(p.Text, start, label.Length));
        }
        label.Append(") → ").Append(function.Result);
        string? documentation = function.Comment;
        if (entry is not null)
        {
            documentation = entry.Text.Get(language);
            if (labs.For(entry, language) is { } lab) documentation += "\n\n" + AssistText.TaughtIn(lab, language);
        }
        return new SignatureInfo(label.ToString(), documentation, parameters);
    }
}
