namespace ImmersiveLab.Labs;

/// <summary>The labs the app shows: loaded once from <see cref="LabsOptions.LabsDirectory"/>, cached, reloaded on demand.</summary>
public interface ILabCatalog
{
    /// <summary>The current snapshot (loads on first use).</summary>
    LabCatalogSnapshot Current { get; }

    IReadOnlyList<Lab> Labs => Current.Labs;

    IReadOnlyList<LabFormatError> Errors => Current.Errors;

    Lab? Find(string id) => Current.Find(id);

    /// <summary>Reads the labs folder again; readers of <see cref="Current"/> see the old or the new snapshot, never a mix.</summary>
    LabCatalogSnapshot Reload();

    /// <summary>Raised after <see cref="Reload"/> replaced the snapshot.</summary>
    event Action<LabCatalogSnapshot>? Reloaded;
}
