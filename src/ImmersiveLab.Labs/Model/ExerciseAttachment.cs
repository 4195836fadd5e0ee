namespace ImmersiveLab.Labs;

/// <summary>
/// A <c>check</c>, <c>expect</c>, <c>hint</c>, <c>solution</c>, <c>wrong</c> or <c>variant</c> block as written, before it is attached to its exercise.
/// Kept on the document so the validator can report ones that name no exercise.
/// </summary>
public sealed record ExerciseAttachment(string Kind, string? For, string Body, FenceInfo Fence)
{
    public int Line => Fence.Line;
}
