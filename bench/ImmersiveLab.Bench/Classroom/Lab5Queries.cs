using ImmersiveLab.Labs;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>
/// The SQL of lab 5 (labs/05-similar-images/en.md), read from the lab file by cell id so the load is what learners
/// run: the exercise solutions that build img_raw/img_vec (setup), then the lab's searches — GiST KNN on the cube
/// signature, the two-phase search, pgvector's three operators, the embedding search against lab.sample_images —
/// and the two upserts a learner re-runs while working.
/// </summary>
public static class Lab5Queries
{
    public const string LabFile = "labs/05-similar-images/en.md";

    /// <summary>Solutions run once per learner, in order, before measuring: they create what the searches read.</summary>
    private static readonly string[] SetupSolutions = ["create-tables", "load-raw", "convert", "gist-index"];

    /// <summary>Read-only cells (runnable cells, galleries and exercise solutions) a learner runs while working through the lab.</summary>
    private static readonly string[] Searches =
    [
        "plan-index", "two-phase-sql", "two-phase-gallery", "two-phase", "seed-conversion", "three-operators",
        "convert-verify", "embedding-gallery", "precision-by-category",
    ];

    /// <summary>Solutions that write into the learner's own tables (upserts of 50 rows, then ANALYZE).</summary>
    private static readonly string[] Writes = ["load-raw", "convert"];

    public sealed record Set(IReadOnlyList<LabQuery> Setup, IReadOnlyList<LabQuery> Workload);

    public static Set Load(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, LabFile);
        var document = LabDocumentParser.Parse(File.ReadAllText(path), "en", LabFile, "05-similar-images");
        return new Set(
            SetupSolutions.Select(id => new LabQuery(id, Solution(document, id), Writes: true)).ToList(),
            [
                .. Searches.Select(id => new LabQuery(id, SqlOf(document, id), Writes: false)),
                .. Writes.Select(id => new LabQuery(id, Solution(document, id), Writes: true)),
            ]);
    }

    /// <summary>A runnable cell's SQL, a gallery's query, or an exercise's solution.</summary>
    private static string SqlOf(LabDocument document, string id)
    {
        if (document.FindCell(id) is { } cell)
            return cell.Kind == SqlCellKind.Exercise ? Solution(document, id) : cell.Sql;
        var gallery = document.Steps.SelectMany(s => s.SpecialBlocks).FirstOrDefault(b => b.Id == id)
            ?? throw new InvalidOperationException($"{LabFile} has no cell or block with id {id}.");
        return gallery.Body;
    }

    private static string Solution(LabDocument document, string id) =>
        document.FindCell(id)?.Exercise?.SolutionSql
        ?? throw new InvalidOperationException($"{LabFile} has no exercise {id} with a solution.");
}
