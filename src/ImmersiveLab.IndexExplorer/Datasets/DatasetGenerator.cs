using System.Diagnostics;
using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;

namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>
/// Creates a dataset in the learner's public schema, as the learner: the table, its held-out queries table, both
/// filled by binary COPY in one transaction (a cancelled or failed load leaves nothing behind), then a primary key
/// and ANALYZE. Tables the explorer did not make are never dropped.
/// </summary>
public sealed class DatasetGenerator(
    ILearnerConnectionFactory connections,
    LearnerGate gate,
    BuildAdmission admission,
    IOptions<IndexExplorerOptions> options,
    ILogger<DatasetGenerator> logger)
{
    public const string Step = "dataset";

    public async Task<DatasetInfo> GenerateAsync(
        Guid learnerId, DatasetSpec spec, SqlTranscript transcript, IProgress<LoadProgress>? progress, CancellationToken ct)
    {
        var o = options.Value;
        var problems = DatasetSpecValidator.Validate(spec, o);
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(spec));

        using var _ = await gate.EnterAsync(learnerId, ct);
        var clock = Stopwatch.StartNew();
        using var turn = await admission.EnterAsync(
            new Reporter(p => progress?.Report(new LoadProgress(LoadStage.Waiting, 0, spec.Rows, clock.Elapsed) { QueuePosition = p })), ct);
        progress?.Report(new LoadProgress(LoadStage.Preparing, 0, spec.Rows, clock.Elapsed));
        var dataSource = await connections.OpenForLearnerAsync(learnerId, ct);
        await using var db = await ExplorerConnection.OpenAsync(dataSource, transcript, Step, o.LoadTimeout, ct);
        if (o.BuildMaintenanceWorkMem is { Length: > 0 } mem)
            await db.ExecuteAsync($"SET maintenance_work_mem = {SqlLiteral.Format(mem)}", "for the primary key built after the load", ct);

        var synthesizer = spec.Shape == DatasetShape.Samples
            ? VectorSynthesizer.FromSamples(spec, await ReadSamplesAsync(db, ct))
            : VectorSynthesizer.Generated(spec);
        var d = synthesizer.Dimensions;
        var info = new DatasetInfo
        {
            TableName = spec.TableName,
            Shape = spec.Shape,
            Rows = spec.Rows,
            Dimensions = d,
            Queries = spec.Queries,
            HasCube = d <= DatasetInfo.MaxCubeDimensions,
            Categories = synthesizer.CategoryNames,
            RareCategory = spec.Shape == DatasetShape.Samples ? null : (spec.RareCategoryFraction > 0 ? DatasetSpec.RareCategory : null),
            Seed = spec.Seed,
        };

        await EnsureReplaceableAsync(db, info.QualifiedTable, spec.Replace, ct);
        await EnsureReplaceableAsync(db, info.QualifiedQueryTable, spec.Replace, ct);

        await db.ExecuteAsync("BEGIN", "all or nothing: a cancelled load leaves no half-filled table", ct);
        try
        {
            await db.ExecuteAsync($"DROP TABLE IF EXISTS {info.QualifiedTable}, {info.QualifiedQueryTable}", null, ct);
            var cube = info.HasCube
                ? $",\n    {DatasetInfo.CubeColumn} cube GENERATED ALWAYS AS (cube({DatasetInfo.VectorColumn}::real[]::float8[])) STORED"
                : "";
            await db.ExecuteAsync($"""
                CREATE TABLE {info.QualifiedTable} (
                    id integer NOT NULL,
                    category text NOT NULL,
                    {DatasetInfo.VectorColumn} vector({d}) NOT NULL{cube}
                )
                """, info.HasCube ? $"the cube copy of each vector is for GiST, which cube supports up to {DatasetInfo.MaxCubeDimensions} dimensions" : null, ct);
            await db.ExecuteAsync($"""
                CREATE TABLE {info.QualifiedQueryTable} (
                    id integer PRIMARY KEY,
                    category text NOT NULL,
                    {DatasetInfo.VectorColumn} vector({d}) NOT NULL
                )
                """, "held-out query vectors: same distribution, not in the table", ct);

            var rowsDone = await CopyAsync(db, info.QualifiedTable, synthesizer.Rows(), spec.Rows, LoadStage.LoadingRows, progress, clock, ct);
            progress?.Report(new LoadProgress(LoadStage.LoadingQueries, rowsDone, spec.Rows, clock.Elapsed));
            await CopyAsync(db, info.QualifiedQueryTable, synthesizer.Queries(), spec.Queries, LoadStage.LoadingQueries, null, clock, ct);

            progress?.Report(new LoadProgress(LoadStage.Indexing, rowsDone, spec.Rows, clock.Elapsed));
            await db.ExecuteAsync($"ALTER TABLE {info.QualifiedTable} ADD PRIMARY KEY (id)", "added after the load: cheaper than maintaining it row by row", ct);
            await db.ExecuteAsync($"COMMENT ON TABLE {info.QualifiedTable} IS {SqlLiteral.Format(info.ToComment())}", "how the explorer finds its datasets again", ct);
            await db.ExecuteAsync("COMMIT", null, ct);
        }
        catch
        {
            await RollbackQuietlyAsync(db);
            throw;
        }

        progress?.Report(new LoadProgress(LoadStage.Analyzing, spec.Rows, spec.Rows, clock.Elapsed));
        await db.ExecuteAsync($"ANALYZE {info.QualifiedTable}, {info.QualifiedQueryTable}", "statistics for the planner", ct);
        var bytes = await db.ScalarAsync<long>("SELECT pg_total_relation_size($1::regclass)", null, ct, info.QualifiedTable);
        clock.Stop();
        progress?.Report(new LoadProgress(LoadStage.Done, spec.Rows, spec.Rows, clock.Elapsed));
        logger.LogInformation("Learner {Learner}: dataset {Table} ({Rows} × {Dims}, {Shape}) loaded in {Ms} ms",
            learnerId, info.TableName, info.Rows, d, spec.Shape, clock.ElapsedMilliseconds);
        return info with { TableBytes = bytes, LoadTime = clock.Elapsed };
    }

    private static async Task<IReadOnlyList<(string, float[])>> ReadSamplesAsync(ExplorerConnection db, CancellationToken ct)
    {
        const string sql = "SELECT category, embedding FROM lab.sample_images WHERE embedding IS NOT NULL ORDER BY id";
        db.Record(sql, "the sample photos' embeddings, the seed of the dataset", []);
        await using var cmd = db.Command(sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var samples = new List<(string, float[])>();
        while (await r.ReadAsync(ct)) samples.Add((r.GetString(0), r.GetFieldValue<Vector>(1).ToArray()));
        return samples;
    }

    private static async Task EnsureReplaceableAsync(ExplorerConnection db, string qualified, bool replace, CancellationToken ct)
    {
        await using var cmd = db.Command("SELECT to_regclass($1) IS NOT NULL, obj_description(to_regclass($1), 'pg_class')", qualified);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        if (!r.GetBoolean(0)) return;
        var comment = r.IsDBNull(1) ? null : r.GetString(1);
        var ours = comment?.StartsWith(DatasetInfo.CommentMarker, StringComparison.Ordinal) == true
                   || (qualified.EndsWith("_queries", StringComparison.Ordinal) && comment is null && await IsQueriesOfOursAsync(db, qualified, ct));
        if (!ours)
            throw new InvalidOperationException($"{qualified} already exists and was not made by the index explorer: choose another name.");
        if (!replace)
            throw new InvalidOperationException($"{qualified} already exists: choose another name or replace it.");
    }

    // A queries table carries no comment of its own; it is ours when its dataset table is.
    private static async Task<bool> IsQueriesOfOursAsync(ExplorerConnection db, string qualifiedQueries, CancellationToken ct)
    {
        var table = qualifiedQueries[..^"_queries".Length];
        await using var cmd = db.Command("SELECT coalesce(obj_description(to_regclass($1), 'pg_class'), '') LIKE $2", table, DatasetInfo.CommentMarker + "%");
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    private async Task<long> CopyAsync(ExplorerConnection db, string table, IEnumerable<SyntheticRow> rows, int total,
        LoadStage stage, IProgress<LoadProgress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var sql = $"COPY {table} (id, category, {DatasetInfo.VectorColumn}) FROM STDIN (FORMAT BINARY)";
        db.Record(sql, $"{total:N0} rows streamed by the explorer (in a cell, INSERT … SELECT does the same)", []);
        var every = Math.Max(1, options.Value.LoadProgressEveryRows);
        long done = 0;
        await using (var writer = await db.Connection.BeginBinaryImportAsync(sql, ct))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(row.Id, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(row.Category, NpgsqlTypes.NpgsqlDbType.Text, ct);
                await writer.WriteAsync(new Vector(row.Vector), "vector", ct);
                if (++done % every == 0) progress?.Report(new LoadProgress(stage, done, total, clock.Elapsed));
            }
            await writer.CompleteAsync(ct);
        }
        progress?.Report(new LoadProgress(stage, done, total, clock.Elapsed));
        return done;
    }

    private static async Task RollbackQuietlyAsync(ExplorerConnection db)
    {
        try
        {
            if (db.Connection.State == System.Data.ConnectionState.Open)
            {
                await using var cmd = db.Command("ROLLBACK");
                await cmd.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // the connection is gone; the server rolled back
        }
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
