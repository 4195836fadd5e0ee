using Microsoft.Extensions.Options;

namespace ImmersiveLab.Labs;

public sealed class LabCatalog(LabLoader loader, IOptions<LabsOptions> options) : ILabCatalog
{
    private readonly Lock _gate = new();
    private LabCatalogSnapshot? _current;

    public event Action<LabCatalogSnapshot>? Reloaded;

    public LabCatalogSnapshot Current
    {
        get
        {
            if (Volatile.Read(ref _current) is { } current)
            {
                return current;
            }

            lock (_gate)
            {
                return _current ??= Load();
            }
        }
    }

    public LabCatalogSnapshot Reload()
    {
        LabCatalogSnapshot snapshot;
        lock (_gate)
        {
            snapshot = Load();
            Volatile.Write(ref _current, snapshot);
        }

        Reloaded?.Invoke(snapshot);
        return snapshot;
    }

    private LabCatalogSnapshot Load() => loader.LoadAll(options.Value.ResolveLabsDirectory());
}
