using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Learners;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ImmersiveLab.Cli.Commands;

/// <summary>What an import did: rows written, files refused (with why), and whether embeddings were stored.</summary>
internal sealed record ImportSummary(int Imported, IReadOnlyList<(string File, string Reason)> Skipped, int FirstId, string? EmbeddingsMissing, ImportTimings Timings);

/// <summary>Where an import's time went: wall clock in all; converting (reading, signature, embedding) summed over the
/// workers that run side by side; writing (COPY), which overlaps with converting.</summary>
internal sealed record ImportTimings(TimeSpan Total, TimeSpan Converting, TimeSpan Embedding, TimeSpan Writing);

/// <summary>
/// <c>imlab import</c>'s work: every image file under a folder → one <c>img_raw</c> row (info = relative path,
/// ts = file time, raw = bytes) and one <c>img_vec</c> row (pattern, signature, sig cube, embedding) in a learner's
/// sandbox, by binary COPY, using every core (signatures in parallel, embeddings batched). Each file is validated and
/// fully converted before anything is written, so a bad file is skipped whole; all rows are written in one
/// transaction, so a failure (or Ctrl+C) writes nothing. The tables are created when
/// missing and written over the learner's own connection (as their role, on their sandbox's server), so they belong to
/// the learner and nothing the learner put in their database runs with more rights than theirs.
/// </summary>
internal sealed class ImageImporter(SandboxConnections connections, ImageValidator validator, ImageEmbedder embedder)
{
    public static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"];
    /// <summary>Files per chunk: one batched inference, one COPY.</summary>
    private const int ChunkSize = 8;

    public const string CreateTablesSql = """
        CREATE TABLE IF NOT EXISTS img_raw (id int PRIMARY KEY, info text, ts timestamp, raw bytea);
        CREATE TABLE IF NOT EXISTS img_vec (id int PRIMARY KEY REFERENCES img_raw(id), pattern vector(4096), signature vector(16),
                                            sig cube, embedding vector(1280));
        """;

    private sealed record Prepared(string Info, DateTime Time, byte[] Bytes, float[] Pattern, float[] Signature, float[]? Embedding);

    public async Task<ImportSummary> ImportAsync(LearnerRef learner, string directory, IProgress<(int Done, int Total, string File)>? progress, CancellationToken ct)
    {
        if (!Directory.Exists(directory)) throw new CliException($"No such folder: {directory}");
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new CliException($"No image files ({string.Join(", ", ImageExtensions)}) under {directory}.");

        await using var dataSource = await connections.CreateLearnerDataSourceAsync(learner.Id, "immersivelab-import", cs =>
        {
            cs.Pooling = false;
            cs.CommandTimeout = 0;
        }, ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // An import of many large files may take longer than a learner's statement limit; the admin asked for it.
        await ExecAsync(conn, tx, "SET LOCAL statement_timeout = 0", ct);
        await ExecAsync(conn, tx, CreateTablesSql, ct);
        var rawColumns = await ColumnsAsync(conn, tx, "img_raw", ct);
        var vecColumns = await ColumnsAsync(conn, tx, "img_vec", ct);
        foreach (var required in new[] { "id", "raw" })
            if (!rawColumns.Contains(required)) throw new CliException($"Your img_raw has no {required} column; drop it or add the column, then import again.");
        if (!vecColumns.Contains("id")) throw new CliException("Your img_vec has no id column; drop it or add the column, then import again.");
        await ExecAsync(conn, tx, "LOCK TABLE img_raw, img_vec IN SHARE ROW EXCLUSIVE MODE", ct);
        var firstId = Convert.ToInt32(await ScalarAsync(conn, tx, "SELECT coalesce(max(id), 0) + 1 FROM img_raw", ct));

        var skipped = new List<(string File, string Reason)>();
        var nextId = firstId;
        var total = System.Diagnostics.Stopwatch.StartNew();
        long converting = 0, writing = 0;

        // A pipeline: one worker per core converts whole chunks (signatures, then the chunk's embeddings in one
        // single-threaded inference) while this thread writes finished chunks in order with COPY. Parallel work per
        // chunk, not inside one inference: no core waits for another, which keeps both busy on a loaded machine.
        var chunks = files.Chunk(ChunkSize).ToList();
        var ready = chunks.Select(_ => new TaskCompletionSource<Chunk>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await embedder.IsAvailableAsync(ct); // load the model once, before the workers need it
        var claimed = -1;
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Factory.StartNew(() =>
        {
            // Threads of their own: the work is CPU-bound and synchronous, and must not wait for thread-pool threads.
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref claimed)) < chunks.Count)
            {
                try
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    var chunk = ConvertChunk(directory, chunks[i], vecColumns.Contains("embedding"), progress, files.Count, stop.Token);
                    Interlocked.Add(ref converting, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
                    ready[i].SetResult(chunk);
                }
                catch (Exception e)
                {
                    ready[i].TrySetException(e);
                    stop.Cancel();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        // Chunks nobody claimed (after a failure or Ctrl+C) end as cancelled, so the writer below never waits forever.
        _ = Task.WhenAll(workers).ContinueWith(_ => { foreach (var r in ready) r.TrySetCanceled(); }, TaskScheduler.Default);
        try
        {
            for (var i = 0; i < chunks.Count; i++)
            {
                var chunk = await ready[i].Task;
                skipped.AddRange(chunk.Skipped);
                if (chunk.Rows.Count == 0) continue;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await CopyAsync(conn, chunk.Rows, nextId, rawColumns, vecColumns, ct);
                writing += System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks;
                nextId += chunk.Rows.Count;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
        ct.ThrowIfCancellationRequested();
        var embeddingsMissing = _embeddingsMissing;
        if (nextId > firstId && vecColumns.Contains("sig") && vecColumns.Contains("signature"))
            // cube has no binary COPY mapping in Npgsql: derive it from the signature, in the same transaction.
            await ExecAsync(conn, tx, $"UPDATE img_vec SET sig = cube(signature::real[]::float8[]) WHERE id >= {firstId} AND id < {nextId}", ct);
        await tx.CommitAsync(ct);
        return new ImportSummary(nextId - firstId, skipped, firstId, embeddingsMissing,
            new ImportTimings(total.Elapsed, TimeSpan.FromTicks(converting), TimeSpan.FromTicks(_embedding), TimeSpan.FromTicks(writing)));
    }

    private sealed record Chunk(List<Prepared> Rows, List<(string File, string Reason)> Skipped);

    private volatile string? _embeddingsMissing;
    private readonly object _progressLock = new();
    private int _done;
    private long _embedding;

    /// <summary>
    /// One chunk, on the calling worker: each file read, validated and turned into pattern + signature (a bad file is
    /// skipped whole), then the good ones embedded in one batch. A file the embedding's decoder refuses although its
    /// signature could be computed fails the batch; then each file is embedded alone and the refused ones are skipped too.
    /// </summary>
    private Chunk ConvertChunk(string directory, string[] files, bool withEmbeddings, IProgress<(int Done, int Total, string File)>? progress,
        int totalFiles, CancellationToken ct)
    {
        var rows = new List<Prepared>();
        var skipped = new List<(string File, string Reason)>();
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var info = Path.GetRelativePath(directory, file).Replace('\\', '/');
            try
            {
                rows.Add(Prepare(info, file));
            }
            catch (Exception e) when (e is ImageRejectedException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                skipped.Add((info, e.Message));
            }
            lock (_progressLock) progress?.Report((++_done, totalFiles, info));
        }
        if (rows.Count == 0 || !withEmbeddings || _embeddingsMissing is not null) return new Chunk(rows, skipped);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var vectors = embedder.EmbedBatch(rows.Select(p => p.Bytes).ToList(), ct);
            Interlocked.Add(ref _embedding, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
            return new Chunk(rows.Select((p, k) => p with { Embedding = vectors[k].Vector }).ToList(), skipped);
        }
        catch (ModelUnavailableException e)
        {
            _embeddingsMissing = e.Message;
            return new Chunk(rows, skipped);
        }
        catch (ImageRejectedException)
        {
            var kept = new List<Prepared>();
            foreach (var p in rows)
            {
                try
                {
                    kept.Add(p with { Embedding = embedder.EmbedBatch([p.Bytes], ct)[0].Vector });
                }
                catch (ImageRejectedException e)
                {
                    skipped.Add((p.Info, e.Message));
                }
            }
            return new Chunk(kept, skipped);
        }
    }

    private Prepared Prepare(string info, string file)
    {
        var bytes = File.ReadAllBytes(file);
        validator.Validate(bytes);
        var analysis = ImgsmlrPipeline.Analyse(bytes);
        if (analysis.Signature.Values.Any(float.IsNaN))
            throw new ImageRejectedException(ImageRejectionReason.InvalidDimensions,
                "The image has a single grey level at 64×64, so its pattern and signature are NaN, which pgvector cannot store.");
        return new Prepared(info, File.GetLastWriteTimeUtc(file), bytes, analysis.Pattern.Values, analysis.Signature.Values, null);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, List<Prepared> rows, int firstId, HashSet<string> rawColumns, HashSet<string> vecColumns, CancellationToken ct)
    {
        var raw = new[] { "id", "info", "ts", "raw" }.Where(rawColumns.Contains).ToList();
        await using (var importer = await conn.BeginBinaryImportAsync($"COPY img_raw ({string.Join(", ", raw)}) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var n = 0; n < rows.Count; n++)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in raw)
                {
                    switch (column)
                    {
                        case "id": await importer.WriteAsync(firstId + n, NpgsqlDbType.Integer, ct); break;
                        case "info": await importer.WriteAsync(rows[n].Info, NpgsqlDbType.Text, ct); break;
                        case "ts": await importer.WriteAsync(DateTime.SpecifyKind(rows[n].Time, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, ct); break;
                        case "raw": await importer.WriteAsync(rows[n].Bytes, NpgsqlDbType.Bytea, ct); break;
                    }
                }
            }
            await importer.CompleteAsync(ct);
        }
        var vec = new[] { "id", "pattern", "signature", "embedding" }.Where(vecColumns.Contains).ToList();
        await using (var importer = await conn.BeginBinaryImportAsync($"COPY img_vec ({string.Join(", ", vec)}) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var n = 0; n < rows.Count; n++)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in vec)
                {
                    switch (column)
                    {
                        case "id": await importer.WriteAsync(firstId + n, NpgsqlDbType.Integer, ct); break;
                        case "pattern": await importer.WriteAsync(new Vector(rows[n].Pattern), ct); break;
                        case "signature": await importer.WriteAsync(new Vector(rows[n].Signature), ct); break;
                        case "embedding":
                            if (rows[n].Embedding is { } e) await importer.WriteAsync(new Vector(e), ct);
                            else await importer.WriteNullAsync(ct);
                            break;
                    }
                }
            }
            await importer.CompleteAsync(ct);
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "SELECT attname::text FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass($1) AND attnum > 0 AND NOT attisdropped", conn, tx);
        cmd.Parameters.AddWithValue(table);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) columns.Add(r.GetString(0));
        return columns;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return await cmd.ExecuteScalarAsync(ct);
    }
}
