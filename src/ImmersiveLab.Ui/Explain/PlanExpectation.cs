namespace ImmersiveLab.Ui.Explain;

/// <summary>
/// What a lesson expects the plan to do, so the tree can flag a plan that does not: e.g. "the nearest-neighbour query
/// on sample_images should use an index" after the learner created one.
/// </summary>
/// <param name="Relation">The table expected to be read through an index; null for any table.</param>
/// <param name="IndexName">The index expected, when one specific index is meant.</param>
public sealed record PlanExpectation(string? Relation = null, string? IndexName = null)
{
    public static readonly PlanExpectation AnyIndex = new();

    public bool Matches(PlanNode node) =>
        (Relation is null || string.Equals(node.RelationName, Relation, StringComparison.OrdinalIgnoreCase)) &&
        (IndexName is null || string.Equals(node.IndexName, IndexName, StringComparison.OrdinalIgnoreCase));
}
