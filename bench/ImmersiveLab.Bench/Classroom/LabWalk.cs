using ImmersiveLab.Labs;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>What a learner does in one step, in order: its setup cells and galleries when it opens, then each cell,
/// gallery, explain-compare and exercise (its solution, checked as the workbook does).</summary>
public sealed record WalkAction(string Id, WalkActionKind Kind, string Sql, SqlCell? Exercise, bool OnOpen)
{
    /// <summary>The SQLSTATE a demonstration is meant to fail with (<c>fails=</c>): that failure is the expected answer.</summary>
    public string? ExpectedFailure { get; init; }
}

public enum WalkActionKind { Cell, Gallery, Explain, Exercise }

public sealed record WalkStep(string LabId, int Number, string Title, IReadOnlyList<WalkAction> Actions);

/// <summary>
/// The labs a class walks, read from labs/ by the product's loader: every step as a learner who solves everything
/// goes through it (<c>classroom-load --walk</c>).
/// </summary>
public static class LabWalk
{
    public static IReadOnlyList<WalkStep> Load(string repositoryRoot, IReadOnlyList<string> labIds)
    {
        var snapshot = new LabLoader(new LabValidator(), NullLogger<LabLoader>.Instance).LoadAll(Path.Combine(repositoryRoot, "labs"));
        var steps = new List<WalkStep>();
        var ids = labIds is ["all"] ? snapshot.Labs.Select(l => l.Id).ToList() : labIds;
        foreach (var id in ids)
        {
            var lab = snapshot.Labs.FirstOrDefault(l => l.Id == id || l.Folder == id)
                ?? throw new ArgumentException($"No lab '{id}' (labs: {string.Join(", ", snapshot.Labs.Select(l => l.Id))}).");
            foreach (var step in lab.Document("en").Steps)
            {
                var actions = new List<WalkAction>();
                actions.AddRange(step.Cells.Where(c => c.Kind == SqlCellKind.Setup).Select(c => new WalkAction(c.Id, WalkActionKind.Cell, c.Sql, null, OnOpen: true)));
                actions.AddRange(step.SpecialBlocks.Where(b => b.Kind == SpecialBlockKind.Gallery && step.RunsOnOpen(b))
                    .Select(b => new WalkAction(b.Id, WalkActionKind.Gallery, b.Body, null, OnOpen: true)));
                foreach (var block in step.Blocks)
                {
                    switch (block)
                    {
                        case SqlCell { Kind: SqlCellKind.Setup }:
                            break;
                        case SqlCell { Kind: SqlCellKind.Exercise } exercise:
                            actions.Add(new WalkAction(exercise.Id, WalkActionKind.Exercise, exercise.Exercise!.SolutionSql!, exercise, OnOpen: false));
                            break;
                        case SqlCell cell:
                            actions.Add(new WalkAction(cell.Id, WalkActionKind.Cell, cell.Sql, null, OnOpen: false) { ExpectedFailure = cell.ExpectedFailure });
                            break;
                        case SpecialBlock { Kind: SpecialBlockKind.Gallery } gallery when !step.RunsOnOpen(gallery):
                            actions.Add(new WalkAction(gallery.Id, WalkActionKind.Gallery, gallery.Body, null, OnOpen: false));
                            break;
                        case SpecialBlock { Kind: SpecialBlockKind.ExplainCompare } compare:
                            foreach (var (query, i) in compare.BodyParts().Select((q, i) => (q, i)))
                                actions.Add(new WalkAction($"{compare.Id}/{(char)('a' + i)}", WalkActionKind.Explain, query, null, OnOpen: false));
                            break;
                    }
                }
                if (actions.Count > 0) steps.Add(new WalkStep(lab.Id, step.Number, step.Title, actions));
            }
        }
        return steps;
    }
}
