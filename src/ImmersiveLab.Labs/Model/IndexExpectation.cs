namespace ImmersiveLab.Labs;

/// <summary>A table a lesson expects to be read through an index, and optionally which index (a cell's
/// <c>expects-index=table[/index]</c> option).</summary>
public sealed record IndexExpectation(string Table, string? IndexName)
{
    public static IndexExpectation Parse(string value)
    {
        var slash = value.IndexOf('/');
        return slash < 0 ? new(value, null) : new(value[..slash], value[(slash + 1)..]);
    }
}
