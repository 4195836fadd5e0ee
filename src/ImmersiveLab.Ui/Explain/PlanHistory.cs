namespace ImmersiveLab.Ui.Explain;

/// <summary>A plan the learner explained, with when and what for.</summary>
public sealed record ExplainedPlan(ExplainPlan Plan, string Sql, DateTimeOffset At, string Label);

/// <summary>
/// The last plans explained per cell in this circuit, so a learner can compare "before and after CREATE INDEX" or
/// "ef_search 40 vs 200" without copying anything.
/// </summary>
public sealed class PlanHistory(TimeProvider time)
{
    private const int PerKey = 2;
    private readonly Dictionary<string, List<ExplainedPlan>> _plans = new();
    private readonly Lock _lock = new();

    public ExplainedPlan Add(string key, string sql, ExplainPlan plan)
    {
        lock (_lock)
        {
            if (!_plans.TryGetValue(key, out var list)) _plans[key] = list = [];
            var entry = new ExplainedPlan(plan, sql, time.GetUtcNow(), $"Plan {Counter(list) + 1}");
            list.Add(entry);
            if (list.Count > PerKey) list.RemoveAt(0);
            return entry;
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<ExplainedPlan> For(string key)
    {
        lock (_lock) return _plans.TryGetValue(key, out var list) ? list.ToList() : [];
    }

    private static int Counter(List<ExplainedPlan> list) =>
        list.Count == 0 ? 0 : int.TryParse(list[^1].Label.AsSpan(5), out var n) ? n : list.Count;
}
