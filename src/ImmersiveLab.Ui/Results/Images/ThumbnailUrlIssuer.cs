using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Ui.Results.Images;

/// <summary>
/// Issues short-lived, unguessable, learner-bound image links: a random 192-bit token maps to an
/// <see cref="ImageTicket"/> in a memory cache bounded by the bytes it keeps alive. Images then travel over plain
/// HTTP (cacheable by the browser) instead of through the Blazor circuit.
/// </summary>
public sealed class ThumbnailUrlIssuer : IDisposable
{
    private readonly MemoryCache _tickets;
    private readonly ResultsUiOptions _options;
    private readonly TimeProvider _time;
    // The same bytea array rendered again (re-render, grid ↔ gallery) reuses its link instead of minting another.
    private readonly ConditionalWeakTable<byte[], ImageTicket> _byArray = new();

    public ThumbnailUrlIssuer(IOptions<ResultsUiOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _tickets = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.ImageLinkCacheMaxBytes, CompactionPercentage = 0.25 });
    }

    public string BasePath => _options.ImageBasePath.TrimEnd('/');

    public ImageLink IssueForBytes(Guid learnerId, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (_byArray.TryGetValue(bytes, out var existing) && existing.LearnerId == learnerId && IsFresh(existing)
            && _tickets.TryGetValue(existing.Token, out _))
            return Link(existing.Token);
        var ticket = Add(learnerId, new ImageSource.Bytes(bytes));
        _byArray.AddOrUpdate(bytes, ticket);
        return Link(ticket.Token);
    }

    public ImageLink IssueForLargeObject(Guid learnerId, uint oid) => Link(Add(learnerId, new ImageSource.LargeObject(oid)).Token);


    /// <summary>The ticket behind a token, unless it is unknown, evicted or expired.</summary>
    public bool TryResolve(string token, out ImageTicket ticket)
    {
        if (_tickets.TryGetValue(token, out ImageTicket? found) && found is not null && IsFresh(found))
        {
            ticket = found;
            return true;
        }
        ticket = null!;
        return false;
    }

    public TimeSpan Remaining(ImageTicket ticket) => ticket.ExpiresAt - _time.GetUtcNow();

    private ImageTicket Add(Guid learnerId, ImageSource source)
    {
        var ticket = new ImageTicket(NewToken(), learnerId, source, _time.GetUtcNow() + _options.ImageLinkLifetime);
        _tickets.Set(ticket.Token, ticket, new MemoryCacheEntryOptions
        {
            Size = source.Weight,
            // The cache's own clock is the system clock: this only bounds memory; IsFresh enforces the lifetime.
            AbsoluteExpirationRelativeToNow = _options.ImageLinkLifetime + TimeSpan.FromMinutes(1),
        });
        return ticket;
    }

    private bool IsFresh(ImageTicket ticket) => _time.GetUtcNow() < ticket.ExpiresAt;

    private ImageLink Link(string token) => new(token, BasePath);

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    public void Dispose() => _tickets.Dispose();
}
