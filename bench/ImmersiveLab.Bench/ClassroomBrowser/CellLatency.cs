using ImmersiveLab.Bench.Classroom;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>One cell's Run → answer: the solo time (median over the solo walks) beside the class's distribution (which cells suffer most).</summary>
public sealed record CellLatency(string Lab, string CellId, bool Exercise, double? SoloMs, LatencySummary ClassMs, int ClassUnanswered)
{
    public static IReadOnlyList<CellLatency> Of(IReadOnlyList<LearnerRecord> solo, IReadOnlyList<LearnerRecord> @class)
    {
        var soloMs = solo.SelectMany(l => l.Cells).Where(c => c.Answered).GroupBy(c => (c.Lab, c.CellId))
            .ToDictionary(g => g.Key, g => LatencySummary.Of(g.Select(c => TimeSpan.FromMilliseconds(c.Ms))).P50);
        return @class.SelectMany(l => l.Cells).Where(c => c.Outcome != "skipped")
            .GroupBy(c => (c.Lab, c.CellId))
            .Select(g => new CellLatency(g.Key.Lab, g.Key.CellId, g.First().Exercise,
                soloMs.TryGetValue(g.Key, out var ms) ? ms : null,
                LatencySummary.Of(g.Where(c => c.Answered).Select(c => TimeSpan.FromMilliseconds(c.Ms))),
                g.Count(c => c.Unanswered)))
            .ToList();
    }
}
