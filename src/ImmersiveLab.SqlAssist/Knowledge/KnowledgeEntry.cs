using ImmersiveLab.Labs;

namespace ImmersiveLab.SqlAssist.Knowledge;

public enum KnowledgeKind { Operator, Type, IndexMethod, OperatorClass, IndexOption, Setting, Function }

/// <summary>
/// One thing the editor explains: a one-line text in English and Chinese and the lab that teaches it (a lab id, or null).
/// <see cref="AppliesTo"/>: the operand types an operator entry is about, or the index methods an option belongs to.
/// <see cref="Values"/>: what an enum setting takes.
/// </summary>
public sealed record KnowledgeEntry(
    KnowledgeKind Kind,
    string Name,
    LocalizedText Text,
    string? Lab,
    IReadOnlyList<string> AppliesTo,
    IReadOnlyList<string> Values);
