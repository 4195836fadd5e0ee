using Ganss.Xss;

namespace ImmersiveLab.Labs;

/// <summary>
/// Sanitises rendered lab HTML (authors may write raw HTML) and points relative image URLs at the lab's assets:
/// <c>images/x.png</c> → <c>/labs/{labId}/assets/images/x.png</c>; root-relative URLs such as
/// <c>/samples/animals/robin.jpg</c> are kept.
/// </summary>
public static class LabHtmlSanitizer
{
    public static string Sanitize(string html, string labId)
    {
        // A sanitiser per call: the URL rewrite depends on the lab, and event handlers are not per-call state.
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedAttributes.UnionWith(["class", "id", "checked", "disabled", "type"]);
        sanitizer.AllowedTags.Add("input"); // task lists: <input type="checkbox" disabled>
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                RewriteElement(element, labId);
            }
        };
        return sanitizer.Sanitize(html);
    }

    private static void RewriteElement(AngleSharp.Dom.IElement element, string labId)
    {
        switch (element.LocalName)
        {
            case "img" when element.GetAttribute("src") is { } src:
                element.SetAttribute("src", LabAssetUrls.Rewrite(src, labId));
                break;
            case "input" when !string.Equals(element.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase):
                element.Remove(); // only task-list checkboxes are welcome
                break;
            case "input":
                element.SetAttribute("disabled", "disabled");
                break;
        }
    }
}
