namespace ImmersiveLab.Workbook;

/// <summary>
/// The learner's progress as this circuit knows it: read from the store when a page opens a lab (or lists them all),
/// then kept up to date with what the session itself records, so that a Run never reads back what it just wrote.
/// <see cref="Changed"/> names the lab whose progress changed; the progress chip and the navigation listen to it.
/// </summary>
/// <remarks>
/// Times applied here are this server's clock, not the database's <c>now()</c>; the next read replaces them. Another
/// circuit of the same learner (a second tab) shows its changes here at the next read.
/// </remarks>
public sealed class SessionProgress(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LabProgress> _labs = new(StringComparer.Ordinal);
    private bool _allKnown;

    /// <summary>The progress of a lab changed (a visit, a run, a check, time spent, or a fresh read).</summary>
    public event Action<string>? Changed;

    /// <summary>The lab's progress as last read and updated, or null if this circuit has not read it.</summary>
    public LabProgress? Of(string labId)
    {
        lock (_lock) return _labs.GetValueOrDefault(labId) ?? (_allKnown ? LabProgress.Empty(labId) : null);
    }

    /// <summary>Every lab's progress, once <see cref="Loaded(IReadOnlyDictionary{string, LabProgress})"/> read them all; else null.</summary>
    public IReadOnlyDictionary<string, LabProgress>? All
    {
        get
        {
            lock (_lock) return _allKnown ? new Dictionary<string, LabProgress>(_labs, StringComparer.Ordinal) : null;
        }
    }

    internal void Loaded(LabProgress lab)
    {
        lock (_lock) _labs[lab.LabId] = lab;
        Changed?.Invoke(lab.LabId);
    }

    internal void Loaded(IReadOnlyDictionary<string, LabProgress> all)
    {
        lock (_lock)
        {
            _labs.Clear();
            foreach (var (id, lab) in all) _labs[id] = lab;
            _allKnown = true;
        }
        foreach (var id in all.Keys) Changed?.Invoke(id);
    }

    internal void Visited(string labId, int step) => Update(labId, p =>
    {
        var now = time.GetUtcNow();
        var visit = p.Steps.FirstOrDefault(s => s.Step == step);
        return p with { Steps = Replace(p.Steps, s => s.Step == step, visit is null ? new StepVisit(step, now, now, 0) : visit with { LastAt = now }, s => s.Step) };
    });

    internal void Spent(string labId, int step, TimeSpan spent) => Update(labId, p =>
    {
        var now = time.GetUtcNow();
        var seconds = (int)Math.Round(spent.TotalSeconds);
        var visit = p.Steps.FirstOrDefault(s => s.Step == step);
        var updated = visit is null ? new StepVisit(step, now, now, seconds) : visit with { LastAt = now, SecondsSpent = visit.SecondsSpent + seconds };
        return p with { Steps = Replace(p.Steps, s => s.Step == step, updated, s => s.Step) };
    });

    internal void Ran(string labId, string cellId, string? error, bool? passed, string? message) => Update(labId, p =>
    {
        var now = time.GetUtcNow();
        var run = p.Cell(cellId);
        p = p with { Cells = Replace(p.Cells, c => c.CellId == cellId, new CellRunRecord(cellId, (run?.Runs ?? 0) + 1, now, error), c => c.CellId) };
        if (passed is not { } ok) return p;
        var check = new CheckRecord(cellId, ok, message, now, p.Check(cellId)?.PassedAt ?? (ok ? now : null));
        return p with { Checks = Replace(p.Checks, c => c.CellId == cellId, check, c => c.CellId) };
    });

    private void Update(string labId, Func<LabProgress, LabProgress> change)
    {
        lock (_lock)
        {
            if (!_labs.TryGetValue(labId, out var lab))
            {
                if (!_allKnown) return; // not read yet: the first read will have it
                lab = LabProgress.Empty(labId);
            }
            _labs[labId] = change(lab);
        }
        Changed?.Invoke(labId);
    }

    private static List<T> Replace<T, TKey>(IReadOnlyList<T> items, Func<T, bool> match, T item, Func<T, TKey> order) =>
        items.Where(i => !match(i)).Append(item).OrderBy(order).ToList();
}
