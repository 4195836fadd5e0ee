using System.Text.RegularExpressions;

namespace ImmersiveLab.Labs;

/// <summary>
/// Finds what is wrong with a lab's files and says where (file:line): lab.yaml fields, fenced-block options,
/// exercises and their parts, ids, images, and differences between en.md and zh.md.
/// </summary>
public sealed partial class LabValidator(string? sampleImagesDirectory = null)
{
    /// <summary>Plausible wrong answers every exercise carries, so that <c>imlab labs check</c> can prove its checks reject them.</summary>
    public const int MinimumWrongAnswers = 2;

    /// <summary>Checks lab.yaml. <paramref name="languages"/> are the languages that have a Markdown file.</summary>
    public IReadOnlyList<LabFormatError> ValidateMetadata(LabMetadata metadata, IReadOnlyCollection<string> languages)
    {
        var errors = new List<LabFormatError>(metadata.SyntaxErrors);
        void Add(string key, string message) => errors.Add(new LabFormatError(metadata.File, metadata.LineOf(key), message));

        if (metadata.Id is null)
        {
            Add("id", "missing 'id' (lowercase letters, digits and dashes, e.g. id: similar-images)");
        }
        else if (!LabIdPattern().IsMatch(metadata.Id))
        {
            Add("id", $"bad id '{metadata.Id}': use lowercase letters, digits and single dashes, e.g. similar-images");
        }

        if (metadata.Minutes is null && !metadata.KeyLines.ContainsKey("minutes"))
        {
            Add("minutes", "missing 'minutes' (estimated time, e.g. minutes: 30)");
        }
        else if (metadata.Minutes is <= 0)
        {
            Add("minutes", "minutes must be greater than 0");
        }

        foreach (var (key, text) in new[] { ("title", metadata.Title), ("summary", metadata.Summary) })
        {
            if (text is null)
            {
                if (!metadata.KeyLines.ContainsKey(key))
                {
                    Add(key, $"missing '{key}' (with an 'en' and/or 'zh' entry)");
                }

                continue;
            }

            foreach (var language in languages.Where(l => !text.Has(l)))
            {
                Add(key, $"'{key}' has no '{language}' entry, but the lab has {language}.md");
            }
        }

        CheckLists(metadata, languages, Add);
        return errors;
    }

    /// <summary>
    /// objectives and prerequisites are optional in the format (the repository's labs all have them, see
    /// RepositoryLabsTests); when present, every language of the lab has its list and the lists say the same number of
    /// things, since they are translations of each other.
    /// </summary>
    private static void CheckLists(LabMetadata metadata, IReadOnlyCollection<string> languages, Action<string, string> add)
    {
        foreach (var (key, list) in new[] { ("objectives", metadata.Objectives), ("prerequisites", metadata.Prerequisites?.Text) })
        {
            if (list is null)
            {
                continue;
            }

            var needsText = key == "objectives" || metadata.Prerequisites is { Labs.Count: 0 };
            foreach (var language in languages.Where(l => !list.Has(l) && needsText))
            {
                add(key, $"'{key}' has no '{language}' list, but the lab has {language}.md");
            }

            if (key == "objectives" && languages.Any(l => list.Get(l).Count == 0))
            {
                add(key, "'objectives' needs at least one item, e.g. en: [Store a picture as a large object]");
            }

            if (list.En is { } en && list.Zh is { } zh && en.Count != zh.Count && languages.Count > 1)
            {
                add(key, $"'{key}' has {en.Count} en item(s) but {zh.Count} zh item(s); the lists are translations of each other");
            }
        }

        foreach (var lab in metadata.Prerequisites?.Labs.Where(l => !LabIdPattern().IsMatch(l)) ?? [])
        {
            add("prerequisites", $"'prerequisites.labs' names '{lab}', which is not a lab id");
        }
    }

    /// <summary>
    /// Across labs: a prerequisite names a lab that exists and comes earlier (a smaller NN), so that a learner who follows
    /// the order has done it.
    /// </summary>
    public IReadOnlyList<LabFormatError> ValidatePrerequisites(Lab lab, IReadOnlyList<Lab> labs, string file)
    {
        var errors = new List<LabFormatError>();
        foreach (var id in lab.Prerequisites.Labs)
        {
            var required = labs.FirstOrDefault(l => l.Id == id);
            if (required is null)
            {
                errors.Add(new LabFormatError(file, 1, $"'prerequisites.labs' names '{id}', but no lab has that id"));
            }
            else if (required.Order >= lab.Order)
            {
                errors.Add(new LabFormatError(file, 1, $"'prerequisites.labs' names '{id}' ({required.Folder}), which does not come before this lab"));
            }
        }

        return errors;
    }

    /// <summary>Checks every language file of the lab on its own, then that the languages match.</summary>
    public IReadOnlyList<LabFormatError> Validate(Lab lab)
    {
        var errors = new List<LabFormatError>();
        foreach (var document in lab.Documents.Values)
        {
            errors.AddRange(ValidateDocument(document, lab.DirectoryPath));
        }

        if (lab.Documents.TryGetValue(LabLanguages.English, out var en) && lab.Documents.TryGetValue(LabLanguages.Chinese, out var zh))
        {
            errors.AddRange(LanguageParity.Compare(en, zh));
        }

        errors.AddRange(lab.Documents.Values.SelectMany(d => CheckTimingPlan(lab, d)));
        return errors;
    }

    /// <summary>One <c>instructor</c> block per step (the introduction included), with something in it.</summary>
    private static void CheckInstructorNotes(IEnumerable<LabStep> steps, Action<int, string> add)
    {
        foreach (var step in steps)
        {
            foreach (var extra in step.InstructorNotes.Skip(1))
            {
                add(extra.Line, $"a second `instructor` block in {(step.Number == 0 ? "the introduction" : $"step {step.Number}")}; write the notes of a step in one block");
            }

            foreach (var empty in step.InstructorNotes.Where(n => n.Html.Trim().Length == 0))
            {
                add(empty.Line, "an empty `instructor` block");
            }
        }
    }

    /// <summary>When the instructor notes give minutes, they are the lab's timing plan: they add up to lab.yaml's minutes.</summary>
    private static IEnumerable<LabFormatError> CheckTimingPlan(Lab lab, LabDocument document)
    {
        var planned = document.Steps.Prepend(document.Intro).Select(s => s.InstructorNote?.Minutes).OfType<int>().ToList();
        if (planned.Count > 0 && planned.Sum() != lab.Minutes)
        {
            yield return new LabFormatError(document.SourceFile, document.Intro.InstructorNote?.Line ?? 1,
                $"the timing plan (minutes= of the `instructor` blocks) adds up to {planned.Sum()} minutes, but lab.yaml says minutes: {lab.Minutes}");
        }
    }

    /// <summary>Checks one language file. <paramref name="labDirectory"/> is used to find the images it refers to.</summary>
    public IReadOnlyList<LabFormatError> ValidateDocument(LabDocument document, string? labDirectory)
    {
        var errors = new List<LabFormatError>(document.SyntaxErrors);
        void Add(int line, string message) => errors.Add(new LabFormatError(document.SourceFile, line, message));

        foreach (var block in document.Intro.Blocks.Where(b => b is SqlCell or SpecialBlock))
        {
            Add(block.Line, "the introduction (before the first '## ' heading) holds text only; move this block into a step");
        }

        var allSteps = document.Steps.Prepend(document.Intro).ToList();
        var fences = allSteps.SelectMany(s => s.Blocks)
            .Select(b => b switch { SqlCell c => c.Fence, SpecialBlock s => s.Fence, _ => null })
            .OfType<FenceInfo>()
            .Concat(document.Attachments.Select(a => a.Fence))
            .Concat(allSteps.SelectMany(s => s.InstructorNotes).Select(n => n.Fence))
            .OrderBy(f => f.Line);
        foreach (var fence in fences)
        {
            foreach (var message in FenceProblems(fence))
            {
                Add(fence.Line, message);
            }
        }

        CheckInstructorNotes(allSteps, Add);
        CheckIds(allSteps, Add);
        CheckCells(allSteps, Add);
        CheckAttachments(document, Add);
        CheckImages(document, labDirectory, Add);
        return errors.OrderBy(e => e.Line).ToList();
    }

    private static IEnumerable<string> FenceProblems(FenceInfo fence)
    {
        if (fence.SyntaxError is not null)
        {
            yield return fence.SyntaxError;
        }

        var rules = FenceKinds.OptionsOf(fence.Kind) ?? [];
        var seen = new HashSet<string>();
        foreach (var option in fence.Options)
        {
            var rule = rules.FirstOrDefault(r => r.Name == option.Name);
            if (!seen.Add(option.Name))
            {
                yield return $"`{fence.Kind}` block repeats option '{option.Name}'";
            }
            else if (rule is null)
            {
                yield return $"unknown option '{option.Name}' for a `{fence.Kind}` block (allowed: {string.Join(", ", rules.Select(r => r.Name))})";
            }
            else if (rule.IsFlag && !option.IsFlag)
            {
                yield return $"'{option.Name}' is a flag and takes no value: write just `{option.Name}`";
            }
            else if (!rule.IsFlag && option.Value is null)
            {
                yield return $"option '{option.Name}' needs a value ({rule.Expected})";
            }
            else if (!rule.IsFlag && !rule.IsValid(option.Value!))
            {
                yield return $"option {option.Name}=\"{option.Value}\" is not valid: expected {rule.Expected}";
            }
        }

        if (FenceKinds.IsAttachment(fence.Kind) && !fence.Options.Any(o => o.Name == "for"))
        {
            yield return $"a `{fence.Kind}` block needs for=<exercise id>";
        }

        if (fence.Kind == FenceKinds.Wrong && !fence.Options.Any(o => o.Name == "why"))
        {
            yield return "a `wrong` block needs why=\"…\": what kind of wrong answer it is (invented numbers, a shortcut, …)";
        }
    }

    private static void CheckIds(IEnumerable<LabStep> steps, Action<int, string> add)
    {
        var firstLine = new Dictionary<string, int>();
        foreach (var (id, line) in steps.SelectMany(s => s.Blocks).Select(IdOf).OfType<(string, int)>())
        {
            if (!firstLine.TryAdd(id, line))
            {
                add(line, $"duplicate id '{id}' (first used on line {firstLine[id]})");
            }
        }

        static (string, int)? IdOf(LabBlock block) => block switch
        {
            SqlCell cell => (cell.Id, cell.Line),
            SpecialBlock special => (special.Id, special.Line),
            _ => null,
        };
    }

    private static void CheckCells(IEnumerable<LabStep> steps, Action<int, string> add)
    {
        foreach (var block in steps.SelectMany(s => s.Blocks))
        {
            switch (block)
            {
                case SqlCell cell:
                    var modes = new[] { "readonly", "setup", "exercise" }.Where(cell.Fence.HasFlag).ToList();
                    if (modes.Count > 1)
                    {
                        add(cell.Line, $"a cell is one of readonly, setup or exercise, not {string.Join(" and ", modes)}");
                    }

                    if (cell.Kind == SqlCellKind.Exercise)
                    {
                        CheckExercise(cell, add);
                    }
                    else if (string.IsNullOrWhiteSpace(cell.Sql))
                    {
                        add(cell.Line, "empty SQL cell");
                    }

                    break;
                case SpecialBlock special:
                    CheckSpecial(special, add);
                    break;
            }
        }
    }

    private static void CheckExercise(SqlCell cell, Action<int, string> add)
    {
        if (cell.Fence.Get("id") is not { Length: > 0 })
        {
            add(cell.Line, "an exercise needs an id (sql exercise id=…), so its checks, hints and progress can name it");
        }

        if (cell.Exercise is not { IsCheckable: true })
        {
            add(cell.Line, $"exercise '{cell.Id}' has no `check` or `expect` block (for={cell.Id})");
        }

        if (cell.Exercise?.SolutionSql is null)
        {
            add(cell.Line, $"exercise '{cell.Id}' has no `solution` block (for={cell.Id})");
        }

        if (cell.Exercise is { } exercise && exercise.WrongAnswers.Count < MinimumWrongAnswers)
        {
            add(cell.Line, $"exercise '{cell.Id}' has {exercise.WrongAnswers.Count} `wrong` block(s) but needs at least {MinimumWrongAnswers}: "
                + $"plausible wrong answers (invented numbers, the shortcut that skips the point, …) that its checks must reject (wrong for={cell.Id} why=\"…\")");
        }
    }

    private static void CheckSpecial(SpecialBlock block, Action<int, string> add)
    {
        switch (block.Kind)
        {
            case SpecialBlockKind.Gallery when string.IsNullOrWhiteSpace(block.Body):
                add(block.Line, "a `gallery` block needs the SQL whose rows it shows");
                break;
            case SpecialBlockKind.ExplainCompare when block.BodyParts() is var parts && (parts.Count != 2 || parts.Any(p => p.Length == 0)):
                add(block.Line, "an `explain-compare` block needs two queries separated by a line '---'");
                break;
            case SpecialBlockKind.ImageSteps when block.Option("sample") is null:
                add(block.Line, "an `image-steps` block needs sample=<id or file name>");
                break;
        }
    }

    private static void CheckAttachments(LabDocument document, Action<int, string> add)
    {
        var cells = document.Cells.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var attachment in document.Attachments)
        {
            if (attachment.Kind != FenceKinds.Hint && string.IsNullOrWhiteSpace(attachment.Body))
            {
                add(attachment.Line, $"empty `{attachment.Kind}` block");
            }

            if (string.IsNullOrEmpty(attachment.For))
            {
                continue; // reported with the fence's options
            }

            if (!cells.TryGetValue(attachment.For, out var cell))
            {
                add(attachment.Line, $"`{attachment.Kind}` for={attachment.For} names no cell of this lab");
            }
            else if (cell.Kind != SqlCellKind.Exercise)
            {
                add(attachment.Line, $"`{attachment.Kind}` for={attachment.For} names a cell that is not an exercise (add the flag `exercise` to it)");
            }
        }

        foreach (var kind in new[] { FenceKinds.Expect, FenceKinds.Solution })
        {
            foreach (var extra in document.Attachments.Where(a => a.Kind == kind && a.For is not null).GroupBy(a => a.For).SelectMany(g => g.Skip(1)))
            {
                add(extra.Line, $"exercise '{extra.For}' already has a `{kind}` block; it may have only one");
            }
        }
    }

    private void CheckImages(LabDocument document, string? labDirectory, Action<int, string> add)
    {
        foreach (var image in document.Images)
        {
            var url = Uri.UnescapeDataString(image.Url.Split('?', '#')[0]);
            if (LabAssetUrls.IsLabRelative(url))
            {
                CheckFile(labDirectory, url.StartsWith("./", StringComparison.Ordinal) ? url[2..] : url, image, "the lab folder", add);
            }
            else if (url.StartsWith(LabAssetUrls.SamplesPrefix, StringComparison.Ordinal))
            {
                CheckFile(sampleImagesDirectory, url[LabAssetUrls.SamplesPrefix.Length..], image, "sample-images/", add);
            }
            else if (url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("//", StringComparison.Ordinal))
            {
                add(image.Line, $"image '{image.Url}' is on another site; the workbook runs offline, so put the file in the lab folder");
            }
            else
            {
                add(image.Line, $"image '{image.Url}': use a path relative to the lab folder (images/x.png) or /samples/…");
            }
        }
    }

    private static void CheckFile(string? root, string relative, ImageReference image, string where, Action<int, string> add)
    {
        if (root is null || !Directory.Exists(root))
        {
            return; // nothing to check against (e.g. sample images not configured)
        }

        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        if (!full.StartsWith(fullRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            add(image.Line, $"image '{image.Url}' points outside {where}");
        }
        else if (!File.Exists(full))
        {
            add(image.Line, $"image '{image.Url}' not found in {where}");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex LabIdPattern();
}
