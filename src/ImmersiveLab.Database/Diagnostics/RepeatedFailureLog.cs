using Microsoft.Extensions.Logging;

namespace ImmersiveLab.Database.Diagnostics;

/// <summary>
/// Logs a failure that repeats (a background loop that fails every second while the database refuses connections)
/// without flooding the log: the first failure with its exception, then a one-line reminder with the count at most
/// every <see cref="ReminderInterval"/>, and one line when it works again ("… recovered after N failures over T").
/// One instance per thing that can fail (a loop, or a loop and server); safe to call from one thread at a time per
/// instance (calls from several threads are counted but their log lines may interleave).
/// </summary>
public sealed class RepeatedFailureLog(ILogger logger, string what, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _gate = new();
    private int _failures;
    private int _sinceReminder;
    private DateTimeOffset _firstAt;
    private DateTimeOffset _remindedAt;
    private string? _lastMessage;

    /// <summary>How often a failure that goes on is mentioned again (with the count, without a stack trace).</summary>
    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>What is being done, as it appears in the log ("Watchdog sweep of server default").</summary>
    public string What => what;

    /// <summary>Failures since the last success.</summary>
    public int Failures
    {
        get { lock (_gate) return _failures; }
    }

    public bool IsFailing => Failures > 0;

    /// <summary>Reports one failure: logged in full the first time, counted afterwards.</summary>
    public void Failed(Exception e)
    {
        var now = _time.GetUtcNow();
        int failures, since;
        bool first, remind;
        lock (_gate)
        {
            first = _failures == 0;
            _failures++;
            _sinceReminder++;
            _lastMessage = e.Message;
            if (first) _firstAt = _remindedAt = now;
            remind = !first && now - _remindedAt >= ReminderInterval;
            if (remind) _remindedAt = now;
            failures = _failures;
            since = _sinceReminder;
            if (remind || first) _sinceReminder = 0;
        }
        if (first)
            logger.LogWarning(e, "{What} failed; trying again (repeated failures are counted, not logged each time)", what);
        else if (remind)
            logger.LogWarning("{What} still failing: {Failures} failures in {Duration} ({Recent} since the last report); last error: {Error}",
                what, failures, Describe(now - _firstAt), since, e.Message);
    }

    /// <summary>Reports a success: if failures had been counted, one line says it recovered.</summary>
    public void Succeeded()
    {
        int failures;
        DateTimeOffset first;
        string? last;
        lock (_gate)
        {
            if (_failures == 0) return;
            failures = _failures;
            first = _firstAt;
            last = _lastMessage;
            _failures = _sinceReminder = 0;
            _lastMessage = null;
        }
        logger.LogInformation("{What} works again after {Failures} failures over {Duration} (last error: {Error})",
            what, failures, Describe(_time.GetUtcNow() - first), last);
    }

    private static string Describe(TimeSpan t) =>
        t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0.#} s";
}
