namespace ImmersiveLab.Labs;

/// <summary>
/// What a learner should have done or know before a lab: the ids of earlier labs (<c>labs:</c>, shown as links) and
/// anything else in words (<c>en:</c>/<c>zh:</c>).
/// </summary>
public sealed record LabPrerequisites(IReadOnlyList<string> Labs, LocalizedList Text)
{
    public static LabPrerequisites None { get; } = new([], LocalizedList.Empty);

    public bool IsEmpty => Labs.Count == 0 && Text.IsEmpty;
}
