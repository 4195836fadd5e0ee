using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ImmersiveLab.Labs;

/// <summary>
/// Turns one language file into a <see cref="LabDocument"/>: splits it into steps at level-2 headings, turns
/// fenced blocks of the engine's kinds into cells, special blocks and exercise parts, and renders the Markdown in
/// between to sanitised HTML. It is lenient: what is wrong is left to <see cref="LabValidator"/>, except problems
/// only the Markdown tree shows (cells nested in lists or quotes), returned as <see cref="LabDocument.SyntaxErrors"/>.
/// </summary>
public static partial class LabDocumentParser
{
    /// <param name="markdown">The file's text.</param>
    /// <param name="language">"en" or "zh".</param>
    /// <param name="sourceFile">The file as authors should see it in messages, e.g. "labs/00-welcome/en.md".</param>
    /// <param name="labId">The lab's id, used in asset URLs.</param>
    public static LabDocument Parse(string markdown, string language, string sourceFile, string labId)
    {
        var pipeline = LabMarkdownPipelines.For(language);
        var document = Markdown.Parse(markdown, pipeline);
        var rawLines = markdown.Split('\n');
        var context = new ParseContext(pipeline, language, sourceFile, labId);

        ReportNestedCells(document, rawLines, context);
        context.Images.AddRange(ImagesIn(document, lineOffset: 0));

        // First pass: group the top-level blocks by step, keep fences of our kinds apart.
        var sections = new List<Section> { new(0, "", "", 1) };
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 2 } heading)
            {
                sections.Add(new Section(sections.Count, PlainText(heading.Inline), heading.GetAttributes().Id ?? "", heading.Line + 1));
                continue;
            }

            var fence = block is FencedCodeBlock fenced ? ReadFence(fenced, rawLines) : null;
            if (fence is not null && FenceKinds.IsKnown(fence.Kind))
            {
                var body = ((FencedCodeBlock)block).Lines.ToString();
                if (fence.Kind == FenceKinds.Instructor)
                {
                    sections[^1].Notes.Add(BuildInstructorNote(fence, body, context));
                }
                else if (FenceKinds.IsAttachment(fence.Kind))
                {
                    context.Attachments.Add(new ExerciseAttachment(fence.Kind, fence.Get("for"), body, fence));
                }
                else
                {
                    sections[^1].Items.Add(new FenceItem(fence, body));
                }
            }
            else
            {
                sections[^1].Items.Add(block);
            }
        }

        // Second pass: build the steps, now that every exercise's checks, hints and solution are known.
        var steps = sections.Select(s => BuildStep(s, context)).ToList();
        return new LabDocument(language, sourceFile, steps[0], steps.Skip(1).ToList(),
            context.Attachments, context.Images, context.Errors);
    }

    private static LabStep BuildStep(Section section, ParseContext context)
    {
        var blocks = new List<LabBlock>();
        var pendingMarkdown = new List<Block>();
        var cellNumber = 0;

        foreach (var item in section.Items)
        {
            if (item is Block markdownBlock)
            {
                pendingMarkdown.Add(markdownBlock);
                continue;
            }

            Flush();
            var (fence, body) = (FenceItem)item;
            cellNumber++;
            var id = fence.Get("id") is { Length: > 0 } explicitId ? explicitId : $"s{section.Number}-c{cellNumber}";

            blocks.Add(fence.Kind == FenceKinds.Sql
                ? BuildSqlCell(id, fence, body, context)
                : new SpecialBlock(id, FenceKinds.SpecialKinds[fence.Kind], OptionsOf(fence), body, fence.Line, fence));
        }

        Flush();
        return new LabStep(section.Number, section.Title, section.Anchor, section.Line, blocks)
        {
            InstructorNote = section.Notes.FirstOrDefault(),
            InstructorNotes = section.Notes,
        };

        void Flush()
        {
            if (pendingMarkdown.Count == 0)
            {
                return;
            }

            blocks.Add(new MarkdownBlock(RenderHtml(pendingMarkdown, context), pendingMarkdown[0].Line + 1));
            pendingMarkdown.Clear();
        }
    }

    private static SqlCell BuildSqlCell(string id, FenceInfo fence, string body, ParseContext context)
    {
        var kind = fence.HasFlag("exercise") ? SqlCellKind.Exercise
            : fence.HasFlag("setup") ? SqlCellKind.Setup
            : fence.HasFlag("readonly") ? SqlCellKind.ReadOnly
            : SqlCellKind.Runnable;
        var exercise = kind == SqlCellKind.Exercise ? BuildExercise(id, context) : null;
        return new SqlCell(id, kind, body, new LabSourceLocation(context.SourceFile, fence.Line),
            fence.HasFlag("explain"), exercise, fence);
    }

    private static Exercise BuildExercise(string id, ParseContext context)
    {
        var parts = context.Attachments.Where(a => a.For == id).ToList();
        var checks = parts.Where(a => a.Kind == FenceKinds.Check).Select(a => new ExerciseCheck(a.Body, a.Line, a.Fence.Get("says"))).ToList();
        var expect = parts.Where(a => a.Kind == FenceKinds.Expect)
            .Select(a => new ExpectedResult(a.Body, a.Fence.Get("order") == "ordered" ? ResultOrder.Ordered : ResultOrder.Set, a.Line))
            .FirstOrDefault();
        var hints = parts.Where(a => a.Kind == FenceKinds.Hint)
            .Select(a => new ExerciseHint(RenderHint(a, context), a.Line)).ToList();
        var solution = parts.FirstOrDefault(a => a.Kind == FenceKinds.Solution)?.Body;
        return new Exercise(checks, expect, hints, solution)
        {
            WrongAnswers = AnswersOf(FenceKinds.Wrong),
            Variants = AnswersOf(FenceKinds.Variant),
        };

        List<ExerciseAnswer> AnswersOf(string kind) =>
            parts.Where(a => a.Kind == kind).Select(a => new ExerciseAnswer(a.Body, a.Fence.Get("why") ?? "", a.Line)).ToList();
    }

    private static InstructorNote BuildInstructorNote(FenceInfo fence, string body, ParseContext context)
    {
        var document = Markdown.Parse(body, context.Pipeline);
        context.Images.AddRange(ImagesIn(document, lineOffset: fence.Line));
        var minutes = int.TryParse(fence.Get("minutes"), out var m) ? m : (int?)null;
        return new InstructorNote(RenderHtml(document, context), minutes, fence.HasFlag("optional"), fence.Line, fence);
    }

    private static string RenderHint(ExerciseAttachment hint, ParseContext context)
    {
        var document = Markdown.Parse(hint.Body, context.Pipeline);
        context.Images.AddRange(ImagesIn(document, lineOffset: hint.Line));
        return RenderHtml(document, context);
    }

    private static string RenderHtml(IEnumerable<Block> blocks, ParseContext context)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        context.Pipeline.Setup(renderer);
        foreach (var block in blocks)
        {
            renderer.Render(block);
        }

        writer.Flush();
        return LabHtmlSanitizer.Sanitize(writer.ToString(), context.LabId);
    }

    private static IReadOnlyDictionary<string, string> OptionsOf(FenceInfo fence)
    {
        var options = new Dictionary<string, string>();
        foreach (var option in fence.Options)
        {
            options.TryAdd(option.Name, option.Value ?? "");
        }

        return options;
    }

    /// <summary>
    /// Reads the info string from the raw line rather than Markdig's Info/Arguments, which have already
    /// processed backslash escapes and would turn <c>\"</c> into <c>"</c>.
    /// </summary>
    private static FenceInfo ReadFence(FencedCodeBlock block, string[] rawLines)
    {
        var line = block.Line + 1;
        var raw = block.Line < rawLines.Length ? FenceLine().Match(rawLines[block.Line].TrimEnd('\r')) : Match.Empty;
        var info = raw.Success ? raw.Groups["info"].Value : $"{block.Info} {block.Arguments}";
        return FenceInfoParser.Parse(info, line);
    }

    private static void ReportNestedCells(MarkdownDocument document, string[] rawLines, ParseContext context)
    {
        foreach (var fenced in document.Descendants<FencedCodeBlock>().Where(f => f.Parent is not MarkdownDocument))
        {
            var fence = ReadFence(fenced, rawLines);
            if (FenceKinds.IsKnown(fence.Kind))
            {
                context.Errors.Add(new LabFormatError(context.SourceFile, fence.Line,
                    $"a `{fence.Kind}` block inside a list or quote is shown as plain code; start it at the beginning of a line"));
            }
        }
    }

    private static IEnumerable<ImageReference> ImagesIn(MarkdownDocument document, int lineOffset) =>
        document.Descendants<LinkInline>()
            .Where(link => link.IsImage && link.Url is not null)
            .Select(link => new ImageReference(link.Url!, link.Line + 1 + lineOffset))
            .ToList();

    private static string PlainText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline);
        return text.ToString().Trim();

        void Append(Inline? node)
        {
            switch (node)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.ToString()); break;
                case LineBreakInline: text.Append(' '); break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Append(child);
                    }

                    break;
            }
        }
    }

    [GeneratedRegex(@"^\s{0,3}(`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex FenceLine();

    private sealed record Section(int Number, string Title, string Anchor, int Line)
    {
        public List<object> Items { get; } = [];

        public List<InstructorNote> Notes { get; } = [];
    }

    private sealed record FenceItem(FenceInfo Fence, string Body);

    private sealed record ParseContext(MarkdownPipeline Pipeline, string Language, string SourceFile, string LabId)
    {
        public List<ExerciseAttachment> Attachments { get; } = [];

        public List<ImageReference> Images { get; } = [];

        public List<LabFormatError> Errors { get; } = [];
    }
}
