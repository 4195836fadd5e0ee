using System.Globalization;

namespace ImmersiveLab.ImageSearch.Components;

/// <summary>The few labels of these components in the workbook's two languages (the UI culture picks one).</summary>
internal static class UiText
{
    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string T(string en, string zh) => IsChinese ? zh : en;
}
