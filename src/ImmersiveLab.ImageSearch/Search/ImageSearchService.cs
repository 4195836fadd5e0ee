using System.Diagnostics;
using System.Globalization;
using ImmersiveLab.ImageSearch.Rendering;
using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.ImageSearch;

/// <summary>
/// Search by image. An uploaded (or picked) image is validated, converted (imgsmlr steps, MobileNetV2 embedding), then
/// its top-k neighbours are found by signature (<c>&lt;-&gt;</c>) and by embedding (<c>&lt;=&gt;</c>) in the learner's
/// sandbox — their own <c>img_vec</c>/<c>img_raw</c> when those exist with the needed columns, else
/// <c>lab.sample_images</c>. Every query runs through <see cref="SqlRunner"/>, i.e. on the learner's session and as their
/// role, and the SQL returned is exactly the text that ran (values inlined), so it can be pasted into a cell.
/// Nothing is ever written to the database: a refused image leaves no trace.
/// </summary>
public sealed class ImageSearchService(
    SqlRunner runner,
    ImageValidator validator,
    ImageEmbedder embedder,
    DecodeGate decodes,
    IOptions<ImageSearchOptions> options,
    IOptions<SandboxOptions> sandboxOptions,
    ILogger<ImageSearchService> logger)
{
    private const string Savepoint = "imlab_image_search";
    private readonly ImageSearchOptions _options = options.Value;

    public ImageSearchOptions Options => _options;

    /// <summary>
    /// Validates an upload (size, format, header, the upload pixel budget Imaging:MaxUploadPixels, smallest side) and
    /// converts it. Throws <see cref="ImageRejectedException"/> with a learner-readable message for anything the lab
    /// refuses, or with <see cref="ImageRejectionReason.Busy"/> when no decode slot came in time. A missing model is not an
    /// error: <see cref="QueryImage.EmbeddingUnavailable"/> says how to get one.
    /// </summary>
    public Task<QueryImage> PrepareAsync(byte[] bytes, string fileName, CancellationToken ct) =>
        PrepareCoreAsync(bytes, string.IsNullOrWhiteSpace(fileName) ? "upload" : Path.GetFileName(fileName.Replace('\\', '/')), null, upload: true, ct);

    /// <summary>
    /// Decodes once, at full size, in one turn of the server's <see cref="DecodeGate"/>: imgsmlr's steps and the embedding
    /// read the same pixels (a large JPEG's embedding uses its own 1/8-step decode, a small fraction of the work, as stored
    /// images do). Then only a preview of the decoded picture is kept.
    /// </summary>
    private async Task<QueryImage> PrepareCoreAsync(byte[] bytes, string displayName, int? sampleId, bool upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var header = upload ? validator.ValidateUpload(bytes) : validator.Validate(bytes);
        if (Math.Min(header.Width, header.Height) < _options.MinSide)
            throw new ImageRejectedException(ImageRejectionReason.InvalidDimensions,
                $"The image is only {header.Width}×{header.Height} pixel{(header.Width * header.Height == 1 ? "" : "s")}: too small to compare " +
                $"(a single pixel is one colour, whose pattern and signature are NaN). Use a picture of at least {_options.MinSide}×{_options.MinSide} pixels.");

        using var slot = await decodes.EnterAsync(ct);
        GdDecodedImage decoded;
        ImgsmlrAnalysis analysis;
        try
        {
            (decoded, analysis) = await Task.Run(() =>
            {
                var d = LibGdDecoder.Decode(bytes, keepAlpha: true);
                return (d, ImgsmlrPipeline.Analyse(d.Image, d.Format, d.Notes));
            }, ct);
        }
        catch (Exception e) when (e is not (ImageRejectedException or OperationCanceledException))
        {
            logger.LogInformation(e, "Decoding a {Format} image of {Bytes} bytes failed", header.Format, bytes.Length);
            throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt,
                $"The {header.Format.ToString().ToUpperInvariant()} file could not be decoded: it is truncated or corrupt.", e);
        }

        ImageEmbedding? embedding = null;
        string? unavailable = null;
        try
        {
            embedding = await embedder.EmbedDecodedAsync(decoded, bytes, header, ct);
        }
        catch (ModelUnavailableException e)
        {
            unavailable = e.Message;
        }
        catch (Exception e) when (e is not (ImageRejectedException or OperationCanceledException))
        {
            logger.LogWarning(e, "Embedding failed for a {Format} image of {Bytes} bytes", header.Format, bytes.Length);
            unavailable = "The embedding model could not process this image: " + e.Message;
        }
        var (width, height) = (analysis.Width, analysis.Height);
        analysis = analysis with { Decoded = DecodedPreview.Shrink(analysis.Decoded, _options.DecodedPreviewSide) };
        return new QueryImage(displayName, bytes, header, analysis, embedding, unavailable, sampleId) { Width = width, Height = height };
    }

    /// <summary>Prepares the bytes, then searches (see <see cref="SearchAsync(LearnerRef, QueryImage, int?, ImageSearchSource, CancellationToken)"/>).</summary>
    public async Task<ImageSearchResult> SearchAsync(LearnerRef learner, byte[] bytes, string fileName, int? k = null,
        ImageSearchSource source = ImageSearchSource.Auto, CancellationToken ct = default) =>
        await SearchAsync(learner, await PrepareAsync(bytes, fileName, ct), k, source, ct);

    /// <summary>
    /// The top-k neighbours of a prepared image by signature and by embedding. Problems (a NaN signature, no model, a
    /// table without the needed column, the sandbox unavailable, a failed transaction) become the list's
    /// <see cref="SimilarityList.Problem"/>; this method does not throw for them.
    /// </summary>
    public async Task<ImageSearchResult> SearchAsync(LearnerRef learner, QueryImage query, int? k = null,
        ImageSearchSource source = ImageSearchSource.Auto, CancellationToken ct = default)
    {
        var top = _options.ClampK(k);
        // Also tells whether the learner has a transaction open (then our statements run inside a savepoint).
        var detect = await runner.RunAsync(learner, LearnerImageTables.DetectSql, ct);
        if (Problem(detect) is { } problem)
            return new ImageSearchResult(query, top, SimilarityList.Unavailable(SimilarityMethod.Signature, problem),
                SimilarityList.Unavailable(SimilarityMethod.Embedding, problem));
        var tables = LearnerImageTables.From(detect.Statements[0].Rows.Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)));
        var inTransaction = detect.Transaction == TransactionStatus.InTransaction;

        var bySignature = await SearchOneAsync(learner, query, SimilarityMethod.Signature, top, source, tables, inTransaction, ct);
        var byEmbedding = await SearchOneAsync(learner, query, SimilarityMethod.Embedding, top, source, tables, inTransaction, ct);
        (bySignature, byEmbedding) = await AttachImagesAsync(learner, bySignature, byEmbedding, source, tables, inTransaction, ct);
        return new ImageSearchResult(query, top, bySignature, byEmbedding);
    }

    /// <summary>The sample photos of <c>lab.sample_images</c> (as the learner's sandbox has them), for a picker.</summary>
    public async Task<IReadOnlyList<SampleChoice>> ListSamplesAsync(LearnerRef learner, CancellationToken ct)
    {
        var run = await runner.RunAsync(learner, "SELECT id, category, file_name FROM lab.sample_images ORDER BY category, file_name", ct);
        if (Problem(run) is { } problem) throw new ImageSearchException(problem);
        return run.Statements[0].Rows.Select(r => new SampleChoice(Convert.ToInt32(r[0], CultureInfo.InvariantCulture), (string)r[1]!, (string)r[2]!)).ToList();
    }

    /// <summary>
    /// Reads a sample from <c>lab.sample_images</c> by id, file name or "category/file name", and prepares it.
    /// Throws <see cref="ImageSearchException"/> when there is no such sample.
    /// </summary>
    public async Task<QueryImage> PrepareSampleAsync(LearnerRef learner, string idOrFileName, CancellationToken ct)
    {
        var key = (idOrFileName ?? "").Trim();
        if (key.Length == 0) throw new ImageSearchException("No sample image was named.");
        string where;
        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) where = $"id = {id}";
        else if (key.Split('/') is [var category, var file]) where = $"category = {SqlLiterals.Text(category)} AND file_name = {SqlLiterals.Text(file)}";
        else where = $"file_name = {SqlLiterals.Text(key)}";
        var run = await runner.RunAsync(learner, $"SELECT id, category, file_name, bytes FROM lab.sample_images WHERE {where} ORDER BY id LIMIT 1", ct);
        if (Problem(run) is { } problem) throw new ImageSearchException(problem);
        var rows = run.Statements[0].Rows;
        if (rows.Count == 0) throw new ImageSearchException($"There is no sample image \"{key}\" in lab.sample_images.");
        var row = rows[0];
        if (row[3] is not byte[] bytes) throw new ImageSearchException($"The sample image \"{key}\" is too large to read here.");
        return await PrepareCoreAsync(bytes, $"{row[1]}/{row[2]}", Convert.ToInt32(row[0], CultureInfo.InvariantCulture), upload: false, ct);
    }

    /// <summary>
    /// The imgsmlr extension's own signature of a sample, for showing beside the workbook's: null when the learner's
    /// sandbox has no imgsmlr (most servers), else its text or why it could not be computed.
    /// </summary>
    public async Task<ExtensionSignature?> ExtensionSignatureAsync(LearnerRef learner, int sampleId, CancellationToken ct)
    {
        var detect = await runner.RunAsync(learner, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'imgsmlr')", ct);
        if (Problem(detect) is { } problem) return new ExtensionSignature(null, problem);
        if (detect.Statements[0].Rows[0][0] is not true) return null;
        var (run, result) = await RunGuardedAsync(learner,
            $"SELECT lab.imgsmlr_signature(bytes) FROM lab.sample_images WHERE id = {sampleId.ToString(CultureInfo.InvariantCulture)}",
            detect.Transaction == TransactionStatus.InTransaction, ct);
        if (Problem(run) is { } failed) return new ExtensionSignature(null, failed);
        return new ExtensionSignature(result?.Rows.FirstOrDefault()?[0] as string, null);
    }

    private async Task<SimilarityList> SearchOneAsync(LearnerRef learner, QueryImage query, SimilarityMethod method, int k,
        ImageSearchSource source, LearnerImageTables tables, bool inTransaction, CancellationToken ct)
    {
        SearchTarget target;
        if (source == ImageSearchSource.Samples) target = SearchTarget.Samples(method);
        else
        {
            var (learnerTarget, problem) = tables.For(method);
            if (learnerTarget is not null) target = learnerTarget;
            else if (source == ImageSearchSource.LearnerTables) return SimilarityList.Unavailable(method, problem!, "img_vec");
            else target = SearchTarget.Samples(method);
        }

        float[] vector;
        if (method == SimilarityMethod.Signature)
        {
            if (query.SignatureProblem is { } nan) return SimilarityList.Unavailable(method, nan, target.Table);
            vector = query.Analysis.Signature.Values;
        }
        else
        {
            if (query.Embedding is null) return SimilarityList.Unavailable(method, query.EmbeddingUnavailable ?? "No embedding.", target.Table);
            vector = query.Embedding.Vector;
        }

        var sql = target.TopKSql(method, SqlLiterals.Vector(vector), k, query.FileName);
        var stopwatch = Stopwatch.StartNew();
        var (run, result) = await RunGuardedAsync(learner, sql, inTransaction, ct);
        stopwatch.Stop();
        if (Problem(run) is { } runProblem) return SimilarityList.Unavailable(method, runProblem, target.Table, sql);

        var columns = result!.Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        string? Text(object?[] row, string name) => columns.TryGetValue(name, out var i) ? row[i] as string : null;
        var hits = result.Rows.Select((row, n) => new SimilarImage(
                n + 1,
                Convert.ToInt64(row[columns["id"]], CultureInfo.InvariantCulture),
                Text(row, "category"),
                Text(row, "file_name") ?? Text(row, "info"),
                Convert.ToDouble(row[columns["distance"]], CultureInfo.InvariantCulture),
                null))
            .ToList();
        // "My img_vec if I have one": a table made but not filled yet (a step's setup makes it empty) is not one.
        if (hits.Count == 0 && source == ImageSearchSource.Auto && target.IsLearnerTable)
            return await SearchOneAsync(learner, query, method, k, ImageSearchSource.Samples, tables, inTransaction, ct);
        string? empty = hits.Count > 0 ? null
            : method == SimilarityMethod.Embedding && !target.IsLearnerTable
                ? "lab.sample_images has no embeddings: the lab's template was built without the model. Run `imlab model fetch`, then restart the workbook so the template is rebuilt with them."
                : $"{target.Table} has no rows with a {target.VectorColumn}.";
        return new SimilarityList(method, target.Table, sql, hits, empty, stopwatch.Elapsed);
    }

    /// <summary>
    /// Reads the images of the hits (one small statement each, so no result limit cuts a list short), for thumbnails.
    /// Samples also get their licence and author.
    /// </summary>
    private async Task<(SimilarityList, SimilarityList)> AttachImagesAsync(LearnerRef learner, SimilarityList a, SimilarityList b,
        ImageSearchSource source, LearnerImageTables tables, bool inTransaction, CancellationToken ct)
    {
        SearchTarget? TargetOf(SimilarityList list) => list.Table switch
        {
            null => null,
            "lab.sample_images" => SearchTarget.Samples(list.Method),
            _ => tables.For(list.Method).Target,
        };
        var wanted = new List<(string ImageSql, long Id)>();
        foreach (var list in new[] { a, b })
            if (TargetOf(list)?.ImageSql is { } imageSql)
                foreach (var hit in list.Hits)
                    if (!wanted.Contains((imageSql, hit.Id))) wanted.Add((imageSql, hit.Id));

        var found = new Dictionary<(string, long), (byte[]? Bytes, string? Problem, string? Attribution)>();
        var chunk = Math.Max(1, Math.Min(50, sandboxOptions.Value.MaxStatementsPerCell - 2));
        foreach (var part in wanted.Chunk(chunk))
        {
            var sql = string.Join('\n', part.Select(w => string.Format(CultureInfo.InvariantCulture, w.ImageSql, w.Id) + ";"));
            var (run, _) = await RunGuardedAsync(learner, sql, inTransaction, ct, all: true);
            var statements = run.Statements.Where(s => s.Sql.StartsWith("SELECT", StringComparison.Ordinal)).ToList();
            for (var n = 0; n < part.Length; n++)
            {
                var result = n < statements.Count ? statements[n] : null;
                found[part[n]] = result switch
                {
                    null or { Error: not null } => (null, "The image could not be read.", null),
                    { Rows.Count: 0 } => (null, "The image row is gone.", null),
                    _ => Image(result.Rows[0]),
                };
            }
        }

        SimilarityList With(SimilarityList list)
        {
            var imageSql = TargetOf(list)?.ImageSql;
            return list with
            {
                Hits = list.Hits.Select(h => imageSql is not null && found.TryGetValue((imageSql, h.Id), out var f)
                    ? h with { Bytes = f.Bytes, ImageProblem = f.Problem, Attribution = f.Attribution }
                    : h with { ImageProblem = "Your img_raw has no raw bytea column to show the image from." }).ToList(),
            };
        }
        return (With(a), With(b));
    }

    private static (byte[]?, string?, string?) Image(object?[] row)
    {
        var attribution = row.Length >= 3 ? string.Join(", ", new[] { row[1] as string, row[2] as string }.Where(s => !string.IsNullOrWhiteSpace(s))) : null;
        return row[0] switch
        {
            byte[] bytes => (bytes, null, attribution),
            TruncatedValue t => (null, $"The image has {t.FullLength / 1048576.0:0.#} MB, more than the lab reads from one value.", attribution),
            null => (null, "The image is NULL.", attribution),
            _ => (null, "The image column is not bytea.", attribution),
        };
    }

    /// <summary>
    /// Runs SQL on the learner's session. Inside their open transaction the statements are wrapped in a savepoint, so
    /// an error here never fails the learner's transaction.
    /// </summary>
    private async Task<(CellRunResult Run, StatementResult? Result)> RunGuardedAsync(LearnerRef learner, string sql, bool inTransaction,
        CancellationToken ct, bool all = false)
    {
        var text = inTransaction ? $"SAVEPOINT {Savepoint};\n{sql}\nRELEASE SAVEPOINT {Savepoint};" : sql;
        var run = await runner.RunAsync(learner, text, ct);
        if (inTransaction && run.Error is null && run.Statements.Any(s => s.Error is not null))
            await runner.RunAsync(learner, $"ROLLBACK TO SAVEPOINT {Savepoint}; RELEASE SAVEPOINT {Savepoint};", CancellationToken.None);
        return (run, all ? null : run.Statements.FirstOrDefault(s => s.HasRows));
    }

    /// <summary>What went wrong in a run, in words for the learner; null when every statement succeeded.</summary>
    private static string? Problem(CellRunResult run)
    {
        if (run.Cancelled) return "The search was cancelled.";
        var error = run.Error ?? run.Statements.FirstOrDefault(s => s.Error is not null)?.Error;
        if (error is null) return run.Statements.Count == 0 ? "Nothing ran." : null;
        return error.SqlState switch
        {
            "25P02" => "Your SQL session has a failed transaction (an error after BEGIN). Run ROLLBACK in a cell, then search again.",
            "57014" => "The search query was stopped (statement timeout or cancel): " + error.Message,
            _ => error.Message + (error.Hint is { } hint ? " " + hint : ""),
        };
    }
}
