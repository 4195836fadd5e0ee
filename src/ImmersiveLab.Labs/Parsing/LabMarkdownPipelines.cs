using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Helpers;
using Markdig.Renderers;

namespace ImmersiveLab.Labs;

/// <summary>
/// The Markdig pipelines for lab text, one per language: they differ only in the admonition titles
/// ("Tip" / "提示"). Markdig pipelines are immutable and thread-safe, so these are shared.
/// </summary>
public static class LabMarkdownPipelines
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AlertTitles =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [LabLanguages.English] = new Dictionary<string, string>
            {
                ["NOTE"] = "Note", ["TIP"] = "Tip", ["IMPORTANT"] = "Important", ["WARNING"] = "Warning", ["CAUTION"] = "Caution",
            },
            [LabLanguages.Chinese] = new Dictionary<string, string>
            {
                ["NOTE"] = "说明", ["TIP"] = "提示", ["IMPORTANT"] = "重要", ["WARNING"] = "警告", ["CAUTION"] = "当心",
            },
        };

    private static readonly IReadOnlyDictionary<string, MarkdownPipeline> Pipelines =
        LabLanguages.All.ToDictionary(l => l, Build);

    /// <summary>The admonition kinds authors may use (<c>&gt; [!TIP]</c>).</summary>
    public static IReadOnlyCollection<string> AlertKinds => AlertTitles[LabLanguages.English].Keys.ToList();

    public static MarkdownPipeline For(string language) =>
        Pipelines[LabLanguages.Normalize(language) ?? LabLanguages.English];

    private static MarkdownPipeline Build(string language) =>
        new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseAlertBlocks(renderKind: (renderer, kind) => WriteAlertTitle(renderer, kind, language))
            .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
            .UseAutoLinks()
            .UseTaskLists()
            .UseEmphasisExtras()
            .UseCjkFriendlyEmphasis()
            .Build();

    // Markdig's default writes an inline SVG icon, which the sanitiser would strip; the UI styles alerts by class.
    private static void WriteAlertTitle(HtmlRenderer renderer, StringSlice kind, string language)
    {
        var key = kind.ToString().ToUpperInvariant();
        var title = AlertTitles[language].GetValueOrDefault(key) ?? key;
        renderer.Write("<p class=\"markdown-alert-title\">").WriteEscape(title).Write("</p>");
    }
}
