using System.Diagnostics;
using System.Globalization;
using ImmersiveLab.IndexExplorer.Connections;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.IndexExplorer.Indexes;

/// <summary>
/// Builds an index on a dataset as the learner, on a connection of its own with the configured statement_timeout,
/// while a second connection reports progress. Measures build time and size; an index of the same name is rebuilt.
/// </summary>
public sealed class IndexBuilder(
    ILearnerConnectionFactory connections,
    LearnerGate gate,
    BuildAdmission admission,
    IOptions<IndexExplorerOptions> options,
    ILogger<IndexBuilder> logger,
    Telemetry.ExplorerMetrics? metrics = null)
{
    public const string Step = "build";

    public async Task<BuiltIndex> BuildAsync(Guid learnerId, DatasetInfo dataset, IndexSpec spec, SqlTranscript transcript,
        IProgress<BuildProgress>? progress, CancellationToken ct)
    {
        if (spec.Validate(dataset) is { } problem) throw new ArgumentException(problem, nameof(spec));
        var o = options.Value;
        using var _ = await gate.EnterAsync(learnerId, ct);
        using var turn = await admission.EnterAsync(new Reporter(p => progress?.Report(BuildProgress.Waiting(dataset.Rows, p))), ct);
        progress?.Report(BuildProgress.Starting(dataset.Rows));
        var dataSource = await connections.OpenForLearnerAsync(learnerId, ct);
        await using var build = await ExplorerConnection.OpenAsync(dataSource, transcript, Step, o.BuildTimeout, ct);
        if (o.BuildMaintenanceWorkMem is { Length: > 0 } mem)
            await build.ExecuteAsync($"SET maintenance_work_mem = {SqlLiteral.Format(mem)}", "an HNSW graph that fits in memory builds far faster", ct);
        if (o.BuildParallelWorkers is { } workers)
            await build.ExecuteAsync($"SET max_parallel_maintenance_workers = {workers.ToString(CultureInfo.InvariantCulture)}", null, ct);

        var name = spec.NameFor(dataset.TableName);
        await build.ExecuteAsync($"DROP INDEX IF EXISTS public.{name}", "rebuild from scratch if it exists", ct);

        progress?.Report(BuildProgress.Starting(dataset.Rows));
        var clock = Stopwatch.StartNew();
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> polling;
        {
            var poll = await ExplorerConnection.OpenAsync(dataSource, transcript, Step, o.QueryTimeout, ct);
            polling = PollAsync(poll, build.ProcessId, dataset.Rows, clock, o.ProgressPollInterval, progress, stopPolling.Token);
        }
        TimeSpan elapsed;
        try
        {
            await build.ExecuteAsync(IndexSql.CreateIndex(dataset, spec), Note(spec), ct);
            elapsed = clock.Elapsed;
            metrics?.Built(spec.Kind, elapsed, "ok");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            metrics?.Built(spec.Kind, clock.Elapsed, e is OperationCanceledException ? "cancelled" : "error");
            throw;
        }
        finally
        {
            await stopPolling.CancelAsync();
            await polling;
        }

        var size = await build.ScalarAsync<long>("SELECT pg_relation_size($1::regclass)", "the index's size on disk", ct, "public." + name);
        var definition = await build.ScalarAsync<string>("SELECT pg_get_indexdef($1::regclass)", null, ct, "public." + name) ?? "";
        var built = new BuiltIndex(name, spec, elapsed, size, definition);
        await build.ExecuteAsync($"COMMENT ON INDEX public.{name} IS {SqlLiteral.Format(built.ToComment())}", "the explorer keeps the build time with the index", ct);
        progress?.Report(new BuildProgress("done", 0, 0, dataset.Rows, dataset.Rows, elapsed, dataset.Rows, Finished: true));
        logger.LogInformation("Learner {Learner}: built {Index} in {Ms} ms, {Bytes} bytes", learnerId, name, (long)elapsed.TotalMilliseconds, size);
        return built;
    }

    private sealed class Reporter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private static async Task<int> PollAsync(ExplorerConnection poll, int pid, long expected, Stopwatch clock, TimeSpan interval,
        IProgress<BuildProgress>? progress, CancellationToken stop)
    {
        await using (poll)
        {
            try
            {
                return await BuildProgressPoller.RunAsync(poll, pid, expected, clock, interval, progress, stop);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                return 0; // progress is a nicety: a failed poll must not fail the build
            }
        }
    }

    private static string? Note(IndexSpec spec) => spec.Kind switch
    {
        IndexKind.Hnsw => "a graph: more m / ef_construction → better recall, slower build, bigger index",
        IndexKind.IvfFlat => "k-means into lists, then every vector goes to its nearest list; build it after loading the data",
        IndexKind.Gist => "an R-tree-like index on cube: exact nearest neighbours, but it degrades as dimensions grow",
        _ => null,
    };
}
