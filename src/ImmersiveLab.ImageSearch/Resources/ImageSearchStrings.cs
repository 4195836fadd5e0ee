namespace ImmersiveLab.ImageSearch.Resources;

/// <summary>
/// Marker for the image search's texts, ImageSearchStrings.resx (English) and ImageSearchStrings.zh.resx (Chinese):
/// components use <c>IStringLocalizer&lt;ImageSearchStrings&gt;</c>, which follows the circuit's UI culture.
/// </summary>
public sealed class ImageSearchStrings;
