namespace ImmersiveLab.Classroom;

/// <summary>The step an instructor last sent the whole class to; <see cref="Sequence"/> grows with every push.</summary>
public sealed record StepPush(int Sequence, string LabId, int Step, DateTime AtUtc);

/// <summary>A class as stored: who may join (code, limit, whether new names may), which labs it works on and which are locked.</summary>
public sealed record ClassInfo(
    Guid Id,
    string Name,
    string Code,
    IReadOnlyList<string> Labs,
    IReadOnlyList<string> LockedLabs,
    int MaxLearners,
    int LearnerCount,
    DateTime CreatedAtUtc,
    DateTime? ClosedAtUtc,
    long Revision,
    StepPush? Push,
    bool AdmitsNewLearners = true)
{
    public bool IsOpen => ClosedAtUtc is null;

    /// <summary>An empty lab list means every lab of the catalog.</summary>
    public bool Includes(string labId) => Labs.Count == 0 || Labs.Contains(labId, StringComparer.Ordinal);

    public bool IsLocked(string labId) => LockedLabs.Contains(labId, StringComparer.Ordinal);
}

/// <summary>What the instructor fills in to create a class. A null code is generated.</summary>
public sealed record NewClass(string Name, string? Code = null, IReadOnlyList<string>? Labs = null, int? MaxLearners = null);
