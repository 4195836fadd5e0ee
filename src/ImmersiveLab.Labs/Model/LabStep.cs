namespace ImmersiveLab.Labs;

/// <summary>
/// A step: a level-2 heading and what follows it up to the next one. Steps are numbered from 1 in both
/// languages, so <see cref="Number"/> (not the title or anchor) identifies a step across a language switch.
/// The introduction is step 0 with an empty title.
/// </summary>
public sealed record LabStep(int Number, string Title, string Anchor, int Line, IReadOnlyList<LabBlock> Blocks)
{
    public IEnumerable<SqlCell> Cells => Blocks.OfType<SqlCell>();

    public IEnumerable<SpecialBlock> SpecialBlocks => Blocks.OfType<SpecialBlock>();
}
