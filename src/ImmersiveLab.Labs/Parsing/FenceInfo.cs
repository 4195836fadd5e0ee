namespace ImmersiveLab.Labs;

/// <summary>A flag (<c>readonly</c>, Value null) or an option (<c>id=notes</c>) of a fenced block's info string.</summary>
public sealed record FenceOption(string Name, string? Value)
{
    public bool IsFlag => Value is null;

    public override string ToString() => Value is null ? Name
        : Value.Length == 0 || Value.Any(char.IsWhiteSpace) || Value.Contains('"') ? $"{Name}=\"{Value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\""
        : $"{Name}={Value}";
}

/// <summary>
/// A fenced block's info string, <c>kind flag key=value key="quoted value"</c>, with the 1-based line of the fence.
/// <see cref="SyntaxError"/> is set when the string could not be read completely (e.g. an unclosed quote).
/// </summary>
public sealed record FenceInfo(string Kind, IReadOnlyList<FenceOption> Options, int Line, string? SyntaxError = null)
{
    public bool HasFlag(string name) => Options.Any(o => o.Name == name && o.IsFlag);

    /// <summary>The value of the first option called <paramref name="name"/>, or null (also for a flag).</summary>
    public string? Get(string name) => Options.FirstOrDefault(o => o.Name == name)?.Value;

    public override string ToString() => string.Join(' ', new[] { Kind }.Concat(Options.Select(o => o.ToString())));
}
