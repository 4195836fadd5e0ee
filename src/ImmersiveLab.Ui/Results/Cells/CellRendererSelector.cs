using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>
/// Decides how a cell is shown, from its column profile and value alone. Images are recognised only by their
/// magic bytes: SVG, HTML and anything unrecognised stay bytes (hex preview), whatever the column or a file name says.
/// </summary>
public static class CellRendererSelector
{
    /// <summary>Text longer than this is collapsed in the grid.</summary>
    public const int LongTextLength = 160;
    /// <summary>Text with more lines than this is collapsed in the grid.</summary>
    public const int LongTextLines = 3;

    /// <param name="largeObjectFormat">
    /// For oid values: the raster format of the large object's first bytes, or null when it is not an image
    /// (or has not been probed yet); then the oid shows as a number.
    /// </param>
    public static CellRendering Select(ColumnProfile column, object? value, Func<uint, ImageFormat?>? largeObjectFormat = null)
    {
        switch (value)
        {
            case null or DBNull:
                return CellRendering.Null;
            case TruncatedValue t:
                return new CellRendering(CellKind.Truncated, PostgresText.Format(t));
            case byte[] bytes:
                return ImageSniffer.Sniff(bytes) is { } format
                    ? new CellRendering(CellKind.Image, ImageFormat: format)
                    : new CellRendering(CellKind.Bytes, HexPreview.Of(bytes));
            case bool b:
                return new CellRendering(CellKind.Boolean, PostgresText.Format(b));
            case uint oid when column.IsOid:
                return largeObjectFormat?.Invoke(oid) is { } loFormat
                    ? new CellRendering(CellKind.LargeObjectImage, PostgresText.Format(oid), loFormat)
                    : new CellRendering(CellKind.Number, PostgresText.Format(oid));
        }

        if (VectorReader.TryRead(column.Column, value) is { } vector)
            return new CellRendering(CellKind.Vector, PostgresText.Format(value), Vector: vector);

        if (CellNumbers.IsNumeric(value))
            return new CellRendering(column.IsDistance ? CellKind.Distance : CellKind.Number, PostgresText.Format(value));

        var text = PostgresText.Format(value) ?? "";
        if (column.IsJson) return new CellRendering(CellKind.Json, text);
        return new CellRendering(IsLong(text) ? CellKind.LongText : CellKind.Text, text);
    }

    public static bool IsLong(string text)
    {
        if (text.Length > LongTextLength) return true;
        var lines = 1;
        foreach (var ch in text)
            if (ch == '\n' && ++lines > LongTextLines) return true;
        return false;
    }
}
