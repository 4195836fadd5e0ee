using System.Globalization;
using System.Resources;

namespace ImmersiveLab.IndexExplorer.Resources;

/// <summary>
/// Marker for the explorer's texts, ExplorerStrings.resx (English) and ExplorerStrings.zh.resx (Chinese): components
/// use <c>IStringLocalizer&lt;ExplorerStrings&gt;</c>; code outside DI (validators) uses <see cref="Text"/>. Both follow
/// the current UI culture, which the host sets per request and circuit.
/// </summary>
public sealed class ExplorerStrings
{
    private static readonly ResourceManager Resources = new(typeof(ExplorerStrings).FullName!, typeof(ExplorerStrings).Assembly);

    public static string Text(string name, params object?[] args)
    {
        var text = Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}
