using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Database.Health;

/// <summary>
/// Pings the lab's server every second. When it stops answering, or answers with a new postmaster start time (it
/// restarted between two pings), the app's connection pools are cleared so the next command opens a fresh
/// connection instead of failing on a dead one; <see cref="Changed"/> lets the UI say "reconnecting".
/// </summary>
public sealed class DatabaseHealthMonitor(LabServer server, TimeProvider time, ILogger<DatabaseHealthMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private DatabaseHealth _current = new(true, DateTime.UtcNow, null, null);

    public DatabaseHealth Current => _current;

    /// <summary>Raised (on a pool thread) when the database went down or came back.</summary>
    public event Action<DatabaseHealth>? Changed;

    /// <summary>One check; returns the state after it.</summary>
    public async Task<DatabaseHealth> CheckAsync(CancellationToken ct)
    {
        if (!server.IsStarted) return _current;
        var before = _current;
        DatabaseHealth after;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var cmd = server.Admin.CreateCommand("SELECT pg_catalog.pg_postmaster_start_time()");
            var started = DateTime.SpecifyKind(((DateTime)(await cmd.ExecuteScalarAsync(timeout.Token))!).ToUniversalTime(), DateTimeKind.Utc);
            if (before.ServerStartedUtc is { } known && known != started)
            {
                logger.LogWarning("The database server restarted (at {Started:u}); clearing connection pools", started);
                server.ClearPools();
            }
            after = before.IsUp ? before with { ServerStartedUtc = started } : new DatabaseHealth(true, Now, null, started);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException or TimeoutException && !ct.IsCancellationRequested)
        {
            server.ClearPools();
            after = before.IsUp ? new DatabaseHealth(false, Now, e.Message, before.ServerStartedUtc) : before with { Error = e.Message };
        }
        _current = after;
        if (after.IsUp != before.IsUp)
        {
            if (after.IsUp) logger.LogInformation("The database is reachable again");
            else logger.LogWarning("The database is unreachable: {Error}", after.Error);
            Changed?.Invoke(after);
        }
        return after;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await CheckAsync(stoppingToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
