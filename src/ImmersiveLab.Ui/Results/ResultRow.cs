namespace ImmersiveLab.Ui.Results;

/// <summary>A row of a result with its position in the result (which client-side sorting does not change).</summary>
public sealed record ResultRow(int Index, object?[] Values)
{
    public object? this[int column] => column < Values.Length ? Values[column] : null;
}
