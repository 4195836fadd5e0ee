using ImmersiveLab.Imaging;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>The decision for one cell: its kind and what the renderer needs (display text, image format, vector data).</summary>
public sealed record CellRendering(CellKind Kind, string? Text = null, ImageFormat? ImageFormat = null, VectorData? Vector = null)
{
    public static readonly CellRendering Null = new(CellKind.Null);
}
