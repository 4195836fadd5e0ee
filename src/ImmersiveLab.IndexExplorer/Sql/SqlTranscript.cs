namespace ImmersiveLab.IndexExplorer.Sql;

/// <summary>
/// Every statement the explorer runs, in order, so the learner can see and copy exactly what produced a result.
/// Thread-safe (a build records from two connections); <see cref="Changed"/> fires after each addition.
/// </summary>
public sealed class SqlTranscript
{
    private readonly List<TranscriptEntry> _entries = [];
    private readonly object _lock = new();
    private long _sequence;

    public event Action? Changed;

    /// <summary>Older entries are dropped beyond this many (a long session would otherwise grow without bound).</summary>
    public int Capacity { get; init; } = 500;

    public IReadOnlyList<TranscriptEntry> Entries
    {
        get { lock (_lock) return _entries.ToList(); }
    }

    public TranscriptEntry Record(string step, string sql, string? note = null, int repetitions = 1)
    {
        TranscriptEntry entry;
        lock (_lock)
        {
            entry = new TranscriptEntry(++_sequence, DateTimeOffset.UtcNow, step, sql, note, repetitions);
            _entries.Add(entry);
            if (_entries.Count > Capacity) _entries.RemoveRange(0, _entries.Count - Capacity);
        }
        Changed?.Invoke();
        return entry;
    }

    /// <summary>Updates how many times a recorded statement ran (a sweep records once, then counts).</summary>
    public void SetRepetitions(TranscriptEntry entry, int repetitions)
    {
        lock (_lock)
        {
            var i = _entries.FindIndex(e => e.Sequence == entry.Sequence);
            if (i >= 0) _entries[i] = _entries[i] with { Repetitions = repetitions };
        }
        Changed?.Invoke();
    }

    public void Clear()
    {
        lock (_lock) _entries.Clear();
        Changed?.Invoke();
    }

    /// <summary>All entries (optionally of one step) as one script.</summary>
    public string ToScript(string? step = null)
    {
        var entries = Entries.Where(e => step is null || e.Step == step);
        return string.Join("\n\n", entries.Select(e => e.ToCellText())) + "\n";
    }
}
