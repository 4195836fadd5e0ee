using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>What a whole result column is: its normalised type and the facts the renderers need from all its rows.</summary>
public sealed record ColumnProfile
{
    public required int Index { get; init; }
    public required ResultColumn Column { get; init; }
    /// <summary><see cref="PgTypeName.Normalize"/> of the column's type.</summary>
    public required string TypeName { get; init; }
    public string Name => Column.Name;
    /// <summary>Every non-null value is a number: right-aligned.</summary>
    public bool IsNumeric { get; init; }
    /// <summary>Named like *dist* or computed with a distance operator, and numeric.</summary>
    public bool IsDistance { get; init; }
    public double DistanceMin { get; init; }
    public double DistanceMax { get; init; }
    public bool IsJson => TypeName is "json" or "jsonb";
    /// <summary>An oid column: its values may name large objects holding images.</summary>
    public bool IsOid => TypeName == "oid";
    /// <summary>Rows whose value in this column is a sniffed raster image (bytea).</summary>
    public int ImageCount { get; init; }
    public bool IsVector { get; init; }

    /// <summary>Position of a distance in the column's range, 0..1, for the inline bar.</summary>
    public double BarFraction(double value)
    {
        if (double.IsNaN(value)) return 0;
        if (DistanceMin >= 0) return DistanceMax <= 0 ? 0 : Math.Clamp(value / DistanceMax, 0, 1);
        var span = DistanceMax - DistanceMin;
        return span <= 0 ? 1 : Math.Clamp((value - DistanceMin) / span, 0, 1);
    }
}
