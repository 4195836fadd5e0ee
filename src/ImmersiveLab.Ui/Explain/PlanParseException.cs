namespace ImmersiveLab.Ui.Explain;

/// <summary>The text is not an EXPLAIN (FORMAT JSON) result.</summary>
public sealed class PlanParseException(string message, Exception? inner = null) : Exception(message, inner);
