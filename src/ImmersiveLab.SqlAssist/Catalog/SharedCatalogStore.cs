using System.Collections.Concurrent;
using ImmersiveLab.Sandbox.Sessions;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.SqlAssist.Catalog;

/// <summary>
/// The shared parts of the catalog, one per server version and extension set, read once through the session of the
/// first learner who needs it (others needing it at the same moment wait for that read). A failed read is forgotten,
/// so the next learner tries again.
/// </summary>
public sealed class SharedCatalogStore(SessionReader reader, ILogger<SharedCatalogStore> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SharedCatalogPart?>>> _parts = new(StringComparer.Ordinal);

    public SharedCatalogPart? Find(string key) =>
        _parts.TryGetValue(key, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result : null;

    public async Task<SharedCatalogPart?> GetAsync(string key, Guid learnerId, CancellationToken ct)
    {
        var lazy = _parts.GetOrAdd(key, k => new Lazy<Task<SharedCatalogPart?>>(() => Task.Run(() => LoadAsync(k, learnerId, ct), CancellationToken.None)));
        var part = await lazy.Value;
        if (part is null) _parts.TryRemove(new KeyValuePair<string, Lazy<Task<SharedCatalogPart?>>>(key, lazy));
        return part;
    }

    private async Task<SharedCatalogPart?> LoadAsync(string key, Guid learnerId, CancellationToken ct)
    {
        try
        {
            var read = await reader.ReadAsync(learnerId, (c, t) => CatalogReader.ReadSharedPartAsync(c, key, t), ct);
            if (read.Succeeded)
            {
                logger.LogInformation("Read the shared SQL catalog {Key}: {Relations} relations, {Functions} functions, {Settings} settings",
                    key, read.Value!.Relations.Count, read.Value.Functions.Count, read.Value.Settings.Count);
                return read.Value;
            }
            logger.LogDebug("The shared SQL catalog {Key} was not read: {Outcome} {Reason}", key, read.Outcome, read.Reason);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Reading the shared SQL catalog {Key} failed", key);
        }
        return null;
    }
}
