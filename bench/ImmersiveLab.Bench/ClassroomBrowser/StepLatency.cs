using ImmersiveLab.Bench.Classroom;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// One step's Next → usable, solo (median) beside the class, and the class's p95 until its editors were up and until
/// its setup cells and galleries had answered: which steps are slow to open, and whether the browser and circuit
/// (editors) or the database (setup, galleries) make them so.
/// </summary>
public sealed record StepLatency(string Lab, int Step, double? SoloMs, LatencySummary ClassMs, double ClassEditorsP95Ms, double ClassSetupP95Ms, double ClassGalleriesP95Ms)
{
    public static IReadOnlyList<StepLatency> Of(IReadOnlyList<LearnerRecord> solo, IReadOnlyList<LearnerRecord> @class)
    {
        static IEnumerable<StepRecord> Opened(IEnumerable<LearnerRecord> learners) =>
            learners.SelectMany(l => l.Steps).Where(s => s.How == "next" && s.Outcome == "ready");
        static LatencySummary Summary(IEnumerable<double?> ms) =>
            LatencySummary.Of(ms.Where(m => m is not null).Select(m => TimeSpan.FromMilliseconds(m!.Value)));
        var soloMs = Opened(solo).GroupBy(s => (s.Lab, s.Step)).ToDictionary(g => g.Key, g => Summary(g.Select(s => (double?)s.Ms)).P50);
        return Opened(@class).GroupBy(s => (s.Lab, s.Step))
            .Select(g => new StepLatency(g.Key.Lab, g.Key.Step, soloMs.TryGetValue(g.Key, out var ms) ? ms : null,
                Summary(g.Select(s => (double?)s.Ms)),
                Summary(g.Select(s => s.Parts.EditorsMs)).P95, Summary(g.Select(s => s.Parts.SetupMs)).P95, Summary(g.Select(s => s.Parts.GalleriesMs)).P95))
            .ToList();
    }
}
