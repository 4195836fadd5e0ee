using ImmersiveLab.BrowserSupport;
using ImmersiveLab.Labs;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>A cell a learner runs: a plain or read-only cell as it is, an exercise with its solution typed in first.</summary>
public sealed record WalkCell(string Id, SqlCellKind Kind, string? Solution)
{
    public bool IsExercise => Kind == SqlCellKind.Exercise;
}

/// <summary>
/// One step as the learner meets it: every SQL cell's editor must come up; setup cells and galleries run by
/// themselves when the step opens; <see cref="Runs"/> are the cells the learner runs, in the page's order.
/// </summary>
public sealed record WalkStep(int Number, IReadOnlyList<string> CellIds, IReadOnlyList<string> SetupCellIds, int Galleries, IReadOnlyList<WalkCell> Runs);

public sealed record WalkLab(Lab Lab, IReadOnlyList<WalkStep> Steps);

/// <summary>What every learner does, from the repository's labs (English text, as the learners' browsers ask for).</summary>
public sealed record LabWalkPlan(IReadOnlyList<WalkLab> Labs)
{
    public int Steps => Labs.Sum(l => l.Steps.Count);
    public int Runs => Labs.Sum(l => l.Steps.Sum(s => s.Runs.Count));
    public int Exercises => Labs.Sum(l => l.Steps.Sum(s => s.Runs.Count(c => c.IsExercise)));

    public static LabWalkPlan Load(IReadOnlyList<string> labIds)
    {
        var catalog = LabCellDriver.RepositoryLabs;
        return new LabWalkPlan(labIds.Select(id =>
        {
            var lab = catalog.Find(id) ?? throw new ArgumentException(
                $"No lab with id '{id}' (lab.yaml); there are: {string.Join(", ", catalog.Labs.Select(l => l.Id))}.");
            var document = lab.Document("en");
            return new WalkLab(lab, [.. new[] { document.Intro }.Concat(document.Steps).Select(Step)]);
        }).ToList());
    }

    private static WalkStep Step(LabStep step)
    {
        var cells = step.Cells.ToList();
        return new WalkStep(
            step.Number,
            cells.Select(c => c.Id).ToList(),
            cells.Where(c => c.Kind == SqlCellKind.Setup).Select(c => c.Id).ToList(),
            step.SpecialBlocks.Count(b => b.Kind == SpecialBlockKind.Gallery),
            cells.Where(c => c.Kind != SqlCellKind.Setup)
                 .Select(c => new WalkCell(c.Id, c.Kind, c.Exercise?.SolutionSql))
                 .ToList());
    }
}
