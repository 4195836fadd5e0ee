using System.Globalization;
using System.Resources;
using ImmersiveLab.Labs;
using ImmersiveLab.SqlAssist.Knowledge;

namespace ImmersiveLab.SqlAssist;

/// <summary>
/// The few words the editor's help adds around catalog names and knowledge, from Resources/AssistStrings.resx (English)
/// and AssistStrings.zh.resx (Chinese), in the language of the page that asked (not the thread's culture).
/// </summary>
internal static class AssistText
{
    private static readonly ResourceManager Strings = new("ImmersiveLab.SqlAssist.Resources.AssistStrings", typeof(AssistText).Assembly);

    public static string TaughtIn(LabReference lab, string language)
    {
        var culture = Culture(language);
        var step = lab.Step is not { } n ? "" : Text("TaughtIn_Step", culture, n);
        return Text("TaughtIn", culture, lab.Title, step, lab.Url);
    }

    /// <summary>A catalog kind ("table", "materialized view", …) in the language; an unknown kind stays as it is.</summary>
    public static string Kind(string key, string language) =>
        Strings.GetString("Kind_" + key.Replace(' ', '_'), Culture(language)) ?? key;

    public static string Lang(string language) => LabLanguages.Normalize(language) ?? LabLanguages.English;

    private static CultureInfo Culture(string language) =>
        Lang(language) == LabLanguages.Chinese ? CultureInfo.GetCultureInfo("zh") : CultureInfo.InvariantCulture;

    private static string Text(string name, CultureInfo culture, params object?[] args) =>
        string.Format(culture, Strings.GetString(name, culture) ?? name, args);
}
