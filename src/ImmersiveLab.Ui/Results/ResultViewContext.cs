using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Ui.Results.Cells;
using ImmersiveLab.Ui.Results.Images;

namespace ImmersiveLab.Ui.Results;

/// <summary>
/// Everything the cells of one rendered result share: the result, its column profiles, whose it is, the oids known to
/// hold images, and the image links issued so far (so re-renders reuse links instead of minting new ones).
/// </summary>
public sealed class ResultViewContext
{
    private readonly ThumbnailUrlIssuer _issuer;
    private readonly Dictionary<uint, ImageLink> _largeObjectLinks = new();
    private IReadOnlyDictionary<uint, ImageFormat> _largeObjectImages = new Dictionary<uint, ImageFormat>();

    public ResultViewContext(StatementResult result, Guid learnerId, ThumbnailUrlIssuer issuer, ResultsUiOptions options)
    {
        Result = result;
        LearnerId = learnerId;
        Options = options;
        _issuer = issuer;
        Profile = ResultProfiler.Profile(result);
        Rows = result.Rows.Select((values, i) => new ResultRow(i, values)).ToList();
    }

    public StatementResult Result { get; }
    public ResultProfile Profile { get; }
    public IReadOnlyList<ResultRow> Rows { get; }
    public Guid LearnerId { get; }
    public ResultsUiOptions Options { get; }

    public IReadOnlyDictionary<uint, ImageFormat> LargeObjectImages
    {
        get => _largeObjectImages;
        set => _largeObjectImages = value;
    }

    /// <summary>The column whose images the gallery shows: a bytea image column, else an oid image column.</summary>
    public int? GalleryColumn =>
        Profile.ImageColumn
        ?? Profile.OidColumns.FirstOrDefault(c => Rows.Any(r => r[c.Index] is uint oid && _largeObjectImages.ContainsKey(oid)))?.Index;

    public ImageFormat? LargeObjectFormat(uint oid) => _largeObjectImages.TryGetValue(oid, out var f) ? f : null;

    public CellRendering Render(int row, int column) =>
        CellRendererSelector.Select(Profile.Columns[column], Rows[row][column], LargeObjectFormat);

    public ImageLink ImageLinkFor(byte[] bytes) => _issuer.IssueForBytes(LearnerId, bytes);

    public ImageLink LargeObjectLink(uint oid)
    {
        if (!_largeObjectLinks.TryGetValue(oid, out var link)) _largeObjectLinks[oid] = link = _issuer.IssueForLargeObject(LearnerId, oid);
        return link;
    }

    /// <summary>The image source and link of a cell that shows an image, or null.</summary>
    public (ImageSource Source, ImageLink Link)? ImageAt(int row, int column)
    {
        var value = Rows[row][column];
        return value switch
        {
            byte[] bytes when ImageSniffer.Sniff(bytes) is not null => (new ImageSource.Bytes(bytes), ImageLinkFor(bytes)),
            uint oid when Profile.Columns[column].IsOid && _largeObjectImages.ContainsKey(oid) => (new ImageSource.LargeObject(oid), LargeObjectLink(oid)),
            _ => null,
        };
    }

    /// <summary>A row as tab-separated text (pastes into a spreadsheet as cells).</summary>
    public string RowText(int row) =>
        string.Join('\t', Result.Columns.Select((_, c) => PostgresText.Format(Rows[row][c]) ?? "NULL"));
}
