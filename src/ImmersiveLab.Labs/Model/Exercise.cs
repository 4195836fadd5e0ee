namespace ImmersiveLab.Labs;

/// <summary>
/// What makes an exercise cell checkable: gathered from the <c>check</c>, <c>expect</c>, <c>hint</c>,
/// <c>solution</c>, <c>wrong</c> and <c>variant</c> blocks whose <c>for=</c> names the cell.
/// </summary>
public sealed record Exercise(
    IReadOnlyList<ExerciseCheck> Checks,
    ExpectedResult? Expect,
    IReadOnlyList<ExerciseHint> Hints,
    string? SolutionSql)
{
    public bool IsCheckable => Checks.Count > 0 || Expect is not null;

    /// <summary>Plausible wrong answers (<c>wrong</c> blocks): <c>imlab labs check</c> proves the checks reject each.</summary>
    public IReadOnlyList<ExerciseAnswer> WrongAnswers { get; init; } = [];

    /// <summary>Other correct answers (<c>variant</c> blocks): <c>imlab labs check</c> proves the checks accept each.</summary>
    public IReadOnlyList<ExerciseAnswer> Variants { get; init; } = [];
}

/// <summary>
/// An answer written by the author to prove the checks (never shown to learners): its SQL, what kind of answer it is
/// (<c>why="invented numbers"</c>), and the line of its fence.
/// </summary>
public sealed record ExerciseAnswer(string Sql, string Why, int Line);

/// <summary>
/// SQL that passes when it returns one row whose first column is true. <see cref="Says"/> (the fence's <c>says="…"</c>,
/// in the file's language) is what the learner reads when it fails; <c>{name}</c> in it is the value of the row's
/// column of that name (e.g. <c>SELECT count(*) = 5, count(*) AS rows FROM t</c> with <c>says="… has {rows} rows"</c>).
/// </summary>
public sealed record ExerciseCheck(string Sql, int Line, string? Says = null);

/// <summary>SQL whose result must equal the result of the last statement of the learner's cell.</summary>
public sealed record ExpectedResult(string Sql, ResultOrder Order, int Line);

/// <summary>A hint, rendered from Markdown and sanitised.</summary>
public sealed record ExerciseHint(string Html, int Line);

public enum ResultOrder
{
    /// <summary>Rows compared as a multiset: order ignored, duplicates counted.</summary>
    Set,

    /// <summary>Rows compared one by one, in order.</summary>
    Ordered,
}
