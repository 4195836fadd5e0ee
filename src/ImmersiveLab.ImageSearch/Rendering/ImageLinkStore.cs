using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.ImageSearch.Rendering;

/// <summary>What a link serves: ready bytes (a rendered step picture), or a stored image to thumbnail on request.</summary>
public sealed record ImageLinkEntry(byte[] Bytes, string ContentType, bool IsSourceImage, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived, unguessable image links (a random 192-bit token each) for step pictures and result thumbnails, so
/// images travel over plain HTTP instead of through the Blazor circuit. Bounded by the bytes it keeps alive.
/// A token is a capability: it is only ever handed to the circuit that made the search.
/// </summary>
public sealed class ImageLinkStore : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly ImageSearchOptions _options;
    private readonly TimeProvider _time;

    public ImageLinkStore(IOptions<ImageSearchOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.ImageCacheMaxBytes, CompactionPercentage = 0.25 });
    }

    public string BasePath => _options.ImageBasePath.TrimEnd('/');

    /// <summary>A link to bytes served as they are (PNG/JPEG made by <see cref="StepImageRenderer"/>).</summary>
    public string Add(byte[] bytes, string contentType) => Url(Put(bytes, contentType, false));

    /// <summary>A link to a stored image, served as a thumbnail of the requested width (<c>?w=</c>).</summary>
    public string AddSourceImage(byte[] bytes, int width) => $"{Url(Put(bytes, "image", true))}?w={width}";

    public bool TryGet(string token, out ImageLinkEntry entry)
    {
        if (_entries.TryGetValue(token, out ImageLinkEntry? found) && found is not null && _time.GetUtcNow() < found.ExpiresAt)
        {
            entry = found;
            return true;
        }
        entry = null!;
        return false;
    }

    public TimeSpan Remaining(ImageLinkEntry entry) => entry.ExpiresAt - _time.GetUtcNow();

    private string Put(byte[] bytes, string contentType, bool source)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        _entries.Set(token, new ImageLinkEntry(bytes, contentType, source, _time.GetUtcNow() + _options.ImageLinkLifetime),
            new MemoryCacheEntryOptions { Size = bytes.Length + 128, AbsoluteExpirationRelativeToNow = _options.ImageLinkLifetime + TimeSpan.FromMinutes(1) });
        return token;
    }

    private string Url(string token) => $"{BasePath}/{token}";

    public void Dispose() => _entries.Dispose();
}
