using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook;

/// <summary>
/// A learner's progress in a lab measured against the lab's content. A lab is complete when every exercise has
/// passed its checks; a lab without exercises is complete when every step was visited.
/// </summary>
public sealed record LabProgressSummary(
    Lab Lab,
    LabProgress Progress,
    int StepCount,
    int StepsVisited,
    int CellCount,
    int CellsRun,
    IReadOnlyList<string> ExerciseIds,
    int ExercisesSolved)
{
    public bool IsComplete => ExerciseIds.Count > 0 ? ExercisesSolved == ExerciseIds.Count : StepCount > 0 && StepsVisited == StepCount;

    public bool IsStarted => Progress.Steps.Count > 0 || Progress.Cells.Count > 0;

    public TimeSpan TimeSpent => Progress.TimeSpent;

    /// <summary>0..1: steps visited and exercises solved, each counting once.</summary>
    public double Fraction
    {
        get
        {
            var total = StepCount + ExerciseIds.Count;
            return total == 0 ? 0 : (double)(StepsVisited + ExercisesSolved) / total;
        }
    }

    public static LabProgressSummary Of(Lab lab, LabProgress progress)
    {
        // Steps, cell ids and exercise ids are the same in every language (the validator enforces it).
        var document = lab.Documents[lab.AvailableLanguages[0]];
        var cells = document.Cells.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var exercises = document.Exercises.Select(c => c.Id).ToList();
        return new LabProgressSummary(
            lab,
            progress,
            document.Steps.Count,
            progress.Steps.Count(s => s.Step >= 1 && s.Step <= document.Steps.Count),
            cells.Count,
            progress.Cells.Count(c => cells.Contains(c.CellId)),
            exercises,
            exercises.Count(progress.Solved));
    }
}
