using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Thumbnails keyed by the SHA-256 of the source bytes and the size, bounded by the total bytes held;
/// the least recently used entries go first. Thread-safe. Concurrent misses for one key may both render.
/// </summary>
public sealed class ThumbnailCache(Thumbnailer thumbnailer, IOptions<ThumbnailOptions> options)
{
    private readonly long _maxBytes = options.Value.CacheMaxBytes;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, Thumbnail Value)>> _entries = new();
    private readonly LinkedList<(string Key, Thumbnail Value)> _recency = new();
    private long _bytes;

    public long TotalBytes { get { lock (_lock) return _bytes; } }

    public int Count { get { lock (_lock) return _entries.Count; } }

    /// <summary>Hex SHA-256 of the content: the cache key, also usable as an HTTP ETag.</summary>
    public static string ContentHash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The cached thumbnail, or a new one made when a decode slot is free (see <see cref="Thumbnailer.CreateAsync"/>).</summary>
    public async Task<Thumbnail> GetOrCreateAsync(byte[] imageBytes, int? longestSide, CancellationToken ct)
    {
        var side = longestSide ?? thumbnailer.Settings.LongestSide;
        var key = $"{ContentHash(imageBytes)}:{side}";
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Value;
            }
        }
        var thumbnail = await thumbnailer.CreateAsync(imageBytes, side, ct);
        Add(key, thumbnail);
        return thumbnail;
    }

    private void Add(string key, Thumbnail thumbnail)
    {
        if (thumbnail.Bytes.Length > _maxBytes) return;
        lock (_lock)
        {
            if (_entries.ContainsKey(key)) return;
            _entries[key] = _recency.AddFirst((key, thumbnail));
            _bytes += thumbnail.Bytes.Length;
            while (_bytes > _maxBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Value.Bytes.Length;
            }
        }
    }
}
