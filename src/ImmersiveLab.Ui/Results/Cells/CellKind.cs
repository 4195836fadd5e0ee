namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>How one result cell is shown; chosen by <see cref="CellRendererSelector"/>.</summary>
public enum CellKind
{
    Null,
    Text,
    /// <summary>Text too long (or too many lines) to show whole in a grid cell: collapsed with an expand toggle.</summary>
    LongText,
    /// <summary>A json/jsonb value: one collapsed line, pretty-printed when expanded.</summary>
    Json,
    Number,
    /// <summary>A number in a distance-like column: the value and an inline bar scaled to the result.</summary>
    Distance,
    Boolean,
    /// <summary>bytea whose magic bytes are a raster image (JPEG, PNG, GIF, WebP, BMP).</summary>
    Image,
    /// <summary>An oid that names a large object whose first bytes are a raster image.</summary>
    LargeObjectImage,
    /// <summary>Bytes that are not a raster image (SVG, HTML and anything unrecognised included): hex preview and length.</summary>
    Bytes,
    /// <summary>vector, halfvec, sparsevec, bit, cube, real[]: dimensions, first values and a strip.</summary>
    Vector,
    /// <summary>A value the runner cut because it was over the byte limit.</summary>
    Truncated,
}
