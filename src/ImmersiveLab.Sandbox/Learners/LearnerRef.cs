namespace ImmersiveLab.Sandbox.Learners;

/// <summary>
/// Who runs SQL: a learner row of the metadata database. Solo learners have no class; classroom learners
/// are unique by (class, display name), so rejoining with the same name and class code finds the same learner.
/// </summary>
public sealed record LearnerRef(Guid Id, string Name, Guid? ClassId)
{
    public bool IsSolo => ClassId is null;
    public override string ToString() => ClassId is null ? Name : $"{Name} (class {ClassId})";
}
