namespace ImmersiveLab.Workbook;

/// <summary>
/// Active time: the gaps between a learner's actions, each counted up to a limit, so that a tab left open
/// overnight adds minutes, not hours.
/// </summary>
internal sealed class ActivityClock(TimeProvider time, TimeSpan gapLimit)
{
    private long? _last;

    /// <summary>Records an action and returns the active time since the previous one.</summary>
    public TimeSpan Tick()
    {
        var now = time.GetTimestamp();
        var gap = _last is { } last ? time.GetElapsedTime(last, now) : TimeSpan.Zero;
        _last = now;
        return gap < gapLimit ? gap : gapLimit;
    }
}
