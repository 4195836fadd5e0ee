using ImmersiveLab.Labs;

namespace ImmersiveLab.Web.Presenting;

/// <summary>
/// Cuts a step into presenter slides: each cell (SQL or special block) with the text that leads up to it since the
/// previous cell. Text after the last cell joins the last slide; a step without cells is one slide of text.
/// </summary>
public static class PresenterSlides
{
    public static IReadOnlyList<IReadOnlyList<LabBlock>> Of(LabStep step)
    {
        var slides = new List<IReadOnlyList<LabBlock>>();
        var current = new List<LabBlock>();
        foreach (var block in step.Blocks)
        {
            current.Add(block);
            if (block is MarkdownBlock) continue;
            slides.Add(current);
            current = [];
        }
        if (current.Count > 0)
        {
            if (slides.Count == 0) slides.Add(current);
            else slides[^1] = [.. slides[^1], .. current];
        }
        return slides;
    }
}
