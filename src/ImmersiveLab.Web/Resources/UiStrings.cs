namespace ImmersiveLab.Web.Resources;

/// <summary>Marker for the UI's resource files UiStrings.resx (English) and UiStrings.zh.resx (Chinese).</summary>
public sealed class UiStrings;
