using System.Text.RegularExpressions;

namespace ImmersiveLab.Labs;

/// <summary>
/// The one table of fenced-block kinds the engine understands and the flags and options each accepts
/// (docs/lab-format.md, "Fenced blocks: one rule"). Any other kind is an ordinary code sample.
/// </summary>
public static partial class FenceKinds
{
    public const string Sql = "sql";
    public const string Check = "check";
    public const string Expect = "expect";
    public const string Hint = "hint";
    public const string Solution = "solution";
    public const string Wrong = "wrong";
    public const string Variant = "variant";
    public const string Instructor = "instructor";

    public static IReadOnlyList<string> AttachmentKinds { get; } = [Check, Expect, Hint, Solution, Wrong, Variant];

    public static IReadOnlyDictionary<string, SpecialBlockKind> SpecialKinds { get; } =
        new Dictionary<string, SpecialBlockKind>
        {
            ["gallery"] = SpecialBlockKind.Gallery,
            ["image-steps"] = SpecialBlockKind.ImageSteps,
            ["explain-compare"] = SpecialBlockKind.ExplainCompare,
            ["recall-chart"] = SpecialBlockKind.RecallChart,
            ["image-search"] = SpecialBlockKind.ImageSearch,
        };

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<OptionRule>> Rules =
        new Dictionary<string, IReadOnlyList<OptionRule>>
        {
            [Sql] =
            [
                OptionRule.Value("id", IsValidCellId, "lowercase letters, digits, '-' and '_', starting with a letter or digit"),
                OptionRule.Flag("readonly"), OptionRule.Flag("setup"), OptionRule.Flag("exercise"), OptionRule.Flag("explain"),
                OptionRule.Value("fails", IsSqlState, "the SQLSTATE the cell is meant to fail with, e.g. 42501"),
                OptionRule.Value("expects-index", IsIndexExpectation, "the table whose index the plan should use, optionally /the index, e.g. items/items_v_hnsw"),
            ],
            [Check] = [ForOption(), OptionRule.Value("says", v => v.Trim().Length > 0,
                "the message a learner reads when this check fails, e.g. says=\"Your table has {rows} rows; 5 are expected.\"")],
            [Expect] = [ForOption(), OptionRule.Choice("order", "set", "ordered")],
            [Hint] = [ForOption()],
            [Solution] = [ForOption()],
            [Wrong] = [ForOption(), WhyOption()],
            [Variant] = [ForOption(), WhyOption()],
            [Instructor] =
            [
                OptionRule.Value("minutes", v => int.TryParse(v, out var m) && m is >= 1 and <= 600, "the step's minutes in the timing plan, a whole number from 1"),
                OptionRule.Flag("optional"),
            ],
            ["gallery"] =
            [
                OptionRule.Value("image", v => v.Length > 0, "a column name"),
                OptionRule.Value("id", IsValidCellId, "lowercase letters, digits, '-' and '_', starting with a letter or digit"),
            ],
            ["image-steps"] = [OptionRule.Value("sample", v => v.Length > 0, "a sample id or file name")],
            ["explain-compare"] =
            [
                OptionRule.Value("label-a", v => v.Length > 0, "a label"),
                OptionRule.Value("label-b", v => v.Length > 0, "a label"),
            ],
            ["recall-chart"] = [OptionRule.Choice("dataset", "samples", "generated")],
            ["image-search"] = [OptionRule.Value("k", v => int.TryParse(v, out var k) && k is >= 1 and <= 100, "a whole number from 1 to 100")],
        };

    /// <summary>True for the kinds this table describes; false for ordinary code samples (text, json, …).</summary>
    public static bool IsKnown(string kind) => Rules.ContainsKey(kind);

    public static bool IsAttachment(string kind) => AttachmentKinds.Contains(kind);

    public static bool IsValidCellId(string id) => CellIdPattern().IsMatch(id);

    /// <summary>The rules for <paramref name="kind"/>'s options, or null when the kind is not one of ours.</summary>
    public static IReadOnlyList<OptionRule>? OptionsOf(string kind) => Rules.GetValueOrDefault(kind);

    private static OptionRule ForOption() =>
        OptionRule.Value("for", IsValidCellId, "the id of an exercise cell");

    private static OptionRule WhyOption() =>
        OptionRule.Value("why", v => v.Trim().Length > 0, "a few words saying what kind of answer it is, e.g. why=\"invented numbers\"");

    public static bool IsSqlState(string code) => SqlStatePattern().IsMatch(code);

    public static bool IsIndexExpectation(string value) => IndexExpectationPattern().IsMatch(value);

    [GeneratedRegex("^[0-9A-Z]{5}$")]
    private static partial Regex SqlStatePattern();

    [GeneratedRegex("^[a-z_][a-z0-9_$]*(/[a-z_][a-z0-9_$]*)?$")]
    private static partial Regex IndexExpectationPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex CellIdPattern();
}

/// <summary>One flag or key=value option a fenced-block kind accepts.</summary>
public sealed record OptionRule(string Name, bool IsFlag, Func<string, bool> IsValid, string Expected)
{
    public static OptionRule Flag(string name) => new(name, true, _ => true, "");

    public static OptionRule Value(string name, Func<string, bool> isValid, string expected) =>
        new(name, false, isValid, expected);

    public static OptionRule Choice(string name, params string[] choices) =>
        new(name, false, choices.Contains, string.Join(" or ", choices));
}
