namespace ImmersiveLab.Labs;

/// <summary>All labs as loaded at one moment, in order, with every format error found. Labs with errors are
/// included when they could be built, so authors see them; <see cref="Errors"/> says what to fix.</summary>
public sealed record LabCatalogSnapshot(string LabsDirectory, IReadOnlyList<Lab> Labs, IReadOnlyList<LabFormatError> Errors, DateTimeOffset LoadedAt)
{
    public Lab? Find(string id) => Labs.FirstOrDefault(l => l.Id == id);

    public IEnumerable<LabFormatError> ErrorsOf(Lab lab) =>
        Errors.Where(e => e.File.Split('/').Contains(lab.Folder));
}
