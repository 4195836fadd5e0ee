namespace ImmersiveLab.Labs;

/// <summary>
/// A step: a level-2 heading and what follows it up to the next one. Steps are numbered from 1 in both
/// languages, so <see cref="Number"/> (not the title or anchor) identifies a step across a language switch.
/// The introduction is step 0 with an empty title.
/// </summary>
public sealed record LabStep(int Number, string Title, string Anchor, int Line, IReadOnlyList<LabBlock> Blocks)
{
    /// <summary>The step's <c>instructor</c> block, never shown to learners (see <see cref="Labs.InstructorNote"/>).</summary>
    public InstructorNote? InstructorNote { get; init; }

    /// <summary>Every <c>instructor</c> block written in the step (the validator allows one).</summary>
    public IReadOnlyList<InstructorNote> InstructorNotes { get; init; } = [];

    public IEnumerable<SqlCell> Cells => Blocks.OfType<SqlCell>();

    public IEnumerable<SpecialBlock> SpecialBlocks => Blocks.OfType<SpecialBlock>();

    /// <summary>
    /// True when only setup cells come before <paramref name="block"/> in this step, so that it can run when the step
    /// opens (after the setup); false when it may need what the learner's cells above it make.
    /// </summary>
    public bool RunsOnOpen(LabBlock block)
    {
        foreach (var b in Blocks)
        {
            if (ReferenceEquals(b, block)) return true;
            if (b is SqlCell { Kind: not SqlCellKind.Setup }) return false;
        }

        return false;
    }
}
