namespace ImmersiveLab.Labs;

/// <summary>
/// en.md and zh.md must have the same steps and the same cells (ids, kinds, order), and each exercise the same
/// number of checks, expects, hints and solutions: progress and the language switch rely on it. Only the first
/// difference is reported, since everything after it would differ too.
/// </summary>
internal static class LanguageParity
{
    public static IEnumerable<LabFormatError> Compare(LabDocument reference, LabDocument other)
    {
        if (reference.Steps.Count != other.Steps.Count)
        {
            yield return new LabFormatError(other.SourceFile, other.Steps.LastOrDefault()?.Line ?? 1,
                $"{Name(other)} has {other.Steps.Count} steps ('## ' headings) but {Name(reference)} has {reference.Steps.Count}");
        }

        var a = Signatures(reference).ToList();
        var b = Signatures(other).ToList();
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var left = i < a.Count ? a[i] : null;
            var right = i < b.Count ? b[i] : null;
            if (left is not null && right is not null && left.Key == right.Key)
            {
                continue;
            }

            var message = (left, right) switch
            {
                (null, _) => $"{Name(other)} has {right!.Describe()} that {Name(reference)} does not have",
                (_, null) => $"{Name(other)} lacks {left.Describe()} ({Name(reference)}:{left.Line})",
                _ => $"{Name(other)} has {right.Describe()} where {Name(reference)} has {left.Describe()} ({Name(reference)}:{left.Line}); ids, kinds and order of cells must match",
            };
            yield return new LabFormatError(other.SourceFile, right?.Line ?? b.LastOrDefault()?.Line ?? 1, message);
            yield break;
        }
    }

    private static string Name(LabDocument document) => Path.GetFileName(document.SourceFile);

    private static IEnumerable<Signature> Signatures(LabDocument document)
    {
        foreach (var step in document.Steps.Prepend(document.Intro))
        {
            foreach (var block in step.Blocks)
            {
                switch (block)
                {
                    case SqlCell cell:
                        yield return new Signature(step.Number, cell.Id, KindOf(cell), cell.Line);
                        break;
                    case SpecialBlock special:
                        yield return new Signature(step.Number, special.Id, special.Fence.Kind, special.Line);
                        break;
                }
            }

            // The timing plan and the optional steps are the same in both languages; the notes' text is translated.
            foreach (var note in step.InstructorNotes)
            {
                yield return new Signature(step.Number, "notes",
                    $"instructor{(note.Minutes is { } m ? $" minutes={m}" : "")}{(note.Optional ? " optional" : "")}", note.Line);
            }
        }

        foreach (var group in document.Attachments.GroupBy(a => (a.For, a.Kind)).OrderBy(g => g.Key.For).ThenBy(g => g.Key.Kind))
        {
            yield return new Signature(-1, group.Key.For ?? "", $"{group.Count()}×{group.Key.Kind}", group.First().Line);
        }
    }

    private static string KindOf(SqlCell cell) => cell.Kind switch
    {
        SqlCellKind.Exercise => "sql exercise",
        SqlCellKind.Setup => "sql setup",
        SqlCellKind.ReadOnly => "sql readonly",
        _ => "sql",
    };

    private sealed record Signature(int Step, string Id, string Kind, int Line)
    {
        public string Key => $"{Step}|{Id}|{Kind}";

        public string Describe() => Step < 0
            ? $"{Kind} block(s) for={Id}"
            : $"a `{Kind}` block id={Id} in {(Step == 0 ? "the introduction" : $"step {Step}")}";
    }
}
