using ImmersiveLab.Imaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.Ui.Results.Images;

/// <summary>
/// Finds which oids of a result name large objects holding images, by reading only their first bytes through the
/// learner's own role. Oids that are not large objects (e.g. <c>SELECT oid FROM pg_class</c>) simply stay numbers.
/// </summary>
public sealed class LargeObjectImageProbe(IServiceProvider services, ILogger<LargeObjectImageProbe> logger)
{
    private const int HeadBytes = 16;

    public bool IsAvailable => services.GetService<ILearnerBlobReader>() is not null;

    public async Task<IReadOnlyDictionary<uint, ImageFormat>> ProbeAsync(Guid learnerId, IEnumerable<uint> oids, int limit, CancellationToken ct)
    {
        var found = new Dictionary<uint, ImageFormat>();
        var reader = services.GetService<ILearnerBlobReader>();
        if (reader is null) return found;
        foreach (var oid in oids.Distinct().Take(limit))
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var head = await reader.ReadLargeObjectAsync(learnerId, oid, HeadBytes, ct);
                if (head is not null && ImageSniffer.Sniff(head) is { } format) found[oid] = format;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug(e, "Probing large object {Oid} failed", oid);
            }
        }
        return found;
    }
}
