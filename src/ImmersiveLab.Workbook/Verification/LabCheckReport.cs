using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook;

public enum ProblemSeverity { Error, Warning }

/// <summary>A problem found by running a lab, at the place in the lab's file an author fixes it.</summary>
public sealed record VerificationProblem(string File, int Line, string? CellId, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    public override string ToString() =>
        $"{File}{(Line > 0 ? $":{Line}" : "")}: {(Severity == ProblemSeverity.Warning ? "warning: " : "")}{(CellId is null ? "" : $"[{CellId}] ")}{Message}";
}

/// <summary>
/// One lab run end to end in fresh sandboxes (one per language whose SQL differs) and, when asked, every step alone
/// with its exercises' answers proved.
/// </summary>
public sealed record LabVerification(
    string LabId,
    string Folder,
    IReadOnlyList<string> LanguagesRun,
    int CellsRun,
    int ExercisesChecked,
    IReadOnlyList<VerificationProblem> Problems,
    TimeSpan Elapsed)
{
    /// <summary>Steps run alone, each in a fresh sandbox (every language whose SQL differs counts).</summary>
    public int StepsRunAlone { get; init; }

    /// <summary>Untouched exercises, wrong answers and variants whose check outcome was proved.</summary>
    public int AnswersProved { get; init; }

    public bool Passed => Problems.All(p => p.Severity != ProblemSeverity.Error);

    public IEnumerable<VerificationProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<VerificationProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}

/// <summary>What <c>imlab labs check</c> found: format errors (file:line) and each lab's run.</summary>
public sealed record LabCheckReport(IReadOnlyList<LabFormatError> FormatErrors, IReadOnlyList<LabVerification> Labs)
{
    public bool Passed => FormatErrors.Count == 0 && Labs.All(l => l.Passed);

    /// <summary>Every error and warning, one per line, format errors first.</summary>
    public IEnumerable<string> Lines =>
        FormatErrors.Select(e => e.ToString()).Concat(Labs.SelectMany(l => l.Problems).Select(p => p.ToString()));

    public override string ToString() => string.Join(Environment.NewLine, Lines);
}
