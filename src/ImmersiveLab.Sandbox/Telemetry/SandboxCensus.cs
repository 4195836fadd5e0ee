using System.Diagnostics.Metrics;
using ImmersiveLab.Database;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Sandbox.Telemetry;

/// <summary>
/// How many learner sandboxes exist, per server, as the metadata database says. Reading is cheap and never waits: it
/// returns the last count and, when that is older than <see cref="MaxAge"/>, starts one query in the background (a
/// metrics scrape or a dashboard refresh must not queue behind the database).
/// </summary>
public sealed class SandboxCensus
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly LabServer _server;
    private readonly TimeProvider _time;
    private readonly ILogger<SandboxCensus> _logger;
    private IReadOnlyDictionary<string, int> _counts = new Dictionary<string, int>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private int _reading;
    private volatile bool _hasRead;

    public SandboxCensus(LabServer server, SandboxMetrics metrics, TimeProvider time, ILogger<SandboxCensus> logger)
    {
        _server = server;
        _time = time;
        _logger = logger;
        metrics.ObserveSandboxes(() => PerServer().Select(p => new Measurement<int>(p.Value,
            new KeyValuePair<string, object?>(SandboxTelemetry.ServerTag, p.Key))));
    }

    /// <summary>Sandboxes on every server together (the last count read; null before the first).</summary>
    public int? Total
    {
        get
        {
            var counts = PerServer();
            return _hasRead ? counts.Values.Sum() : null;
        }
    }

    /// <summary>The last count per server key; starts a new read when it is stale.</summary>
    public IReadOnlyDictionary<string, int> PerServer()
    {
        if (_time.GetUtcNow() - _readAt >= MaxAge && _server.IsStarted && Interlocked.Exchange(ref _reading, 1) == 0)
            _ = ReadAsync();
        return _counts;
    }

    /// <summary>Reads the counts now (also what the background read does).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var cmd = _server.Metadata.CreateCommand("SELECT server_key, count(*)::int FROM sandboxes GROUP BY server_key");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) counts[r.GetString(0)] = r.GetInt32(1);
        foreach (var host in _server.Hosts) counts.TryAdd(host.Key, 0);
        _counts = counts;
        _readAt = _time.GetUtcNow();
        _hasRead = true;
    }

    private async Task ReadAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await RefreshAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            _readAt = _time.GetUtcNow(); // try again after MaxAge, not on every scrape
            _logger.LogDebug(e, "Could not count the sandboxes");
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}
