using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Ui.Results.Images;

/// <summary>
/// Optional hook for the host: lets a result that carries an image <i>id</i> rather than the image bytes (e.g.
/// <c>SELECT id, pattern &lt;-&gt; … AS distance FROM lab.sample_images …</c>) be shown as a gallery. When a result has
/// a bytea image column that column is used and this hook is not asked. Register an implementation in DI to enable it.
/// </summary>
public interface IGalleryImageSource
{
    /// <summary>The index of the column whose values identify images this source can load, or null.</summary>
    int? FindImageIdColumn(StatementResult result);

    /// <summary>The image bytes for an id found in that column (at most <paramref name="maxBytes"/>), or null.</summary>
    Task<byte[]?> LoadImageAsync(Guid learnerId, object id, int maxBytes, CancellationToken ct);
}
