using System.Globalization;
using System.Resources;

namespace ImmersiveLab.Sandbox.Messages;

/// <summary>
/// A message for the learner as a stable code and its arguments, not as words: the code names a string of the resx
/// file of <see cref="Catalog"/> (a marker type such as <see cref="Resources.SandboxMessages"/>), so a view renders it
/// in the learner's language (<c>IStringLocalizerFactory.Create(Catalog)</c>, or <see cref="Render"/>), and logs and
/// the CLI keep the English rendering (<see cref="English"/>). Arguments are plain values (numbers, words from the
/// server, other messages), formatted in the rendering's culture.
/// </summary>
public sealed record LabMessage(Type Catalog, string Code, IReadOnlyList<object?> Args)
{
    private static readonly CultureInfo EnglishCulture = CultureInfo.InvariantCulture;

    public static LabMessage Of<TCatalog>(string code, params object?[] args) => new(typeof(TCatalog), code, args);

    /// <summary>The message in English: the neutral resx, for logs, the CLI and the English UI.</summary>
    public string English() => Render(EnglishCulture);

    /// <summary>The message in <paramref name="culture"/>'s language (English when the catalog has no such language).</summary>
    public string Render(CultureInfo culture)
    {
        var format = ResourcesOf(Catalog).GetString(Code, culture) ?? Code;
        return Format(culture, format, Args.Select(a => a is LabMessage inner ? inner.Render(culture) : a).ToArray());
    }

    /// <summary>Formats a resx string with this message's arguments; a nested message renders with <paramref name="render"/>.</summary>
    public string Format(CultureInfo culture, string format, Func<LabMessage, string> render) =>
        Format(culture, format, Args.Select(a => a is LabMessage inner ? render(inner) : a).ToArray());

    public override string ToString() => English();

    private static string Format(CultureInfo culture, string format, object?[] args) =>
        args.Length == 0 ? format : string.Format(culture, format, args);

    private static readonly Dictionary<Type, ResourceManager> Managers = [];

    private static ResourceManager ResourcesOf(Type catalog)
    {
        lock (Managers)
        {
            if (!Managers.TryGetValue(catalog, out var manager))
                Managers[catalog] = manager = new ResourceManager(catalog.FullName!, catalog.Assembly);
            return manager;
        }
    }

    public bool Equals(LabMessage? other) =>
        other is not null && Catalog == other.Catalog && Code == other.Code && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Catalog, Code, Args.Count);
}
