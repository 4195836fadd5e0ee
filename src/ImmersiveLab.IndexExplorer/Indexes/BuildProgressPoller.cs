using System.Diagnostics;
using ImmersiveLab.IndexExplorer.Connections;

namespace ImmersiveLab.IndexExplorer.Indexes;

/// <summary>
/// Reads pg_stat_progress_create_index for the building backend from a second connection until stopped. A role
/// sees the progress of its own backends, so this works as the learner. Recorded once in the transcript (with how
/// many times it ran).
/// </summary>
internal static class BuildProgressPoller
{
    public const string Sql = """
        SELECT phase, blocks_done, blocks_total, tuples_done, tuples_total
        FROM pg_stat_progress_create_index
        WHERE pid = $1
        """;

    public static async Task<int> RunAsync(ExplorerConnection db, int buildPid, long expectedTuples, Stopwatch clock,
        TimeSpan interval, IProgress<BuildProgress>? progress, CancellationToken stop)
    {
        var entry = db.Record(Sql, "from another connection while CREATE INDEX runs: how far the build is", [buildPid]);
        var polls = 0;
        await using var cmd = db.Command(Sql, buildPid);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await using (var r = await cmd.ExecuteReaderAsync(stop))
                {
                    polls++;
                    if (await r.ReadAsync(stop))
                        progress?.Report(new BuildProgress(r.GetString(0), Long(r, 1), Long(r, 2), Long(r, 3), Long(r, 4), clock.Elapsed, expectedTuples));
                }
                await Task.Delay(interval, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the build ended
        }
        db.SetRepetitions(entry, Math.Max(1, polls));
        return polls;
    }

    private static long Long(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? 0 : r.GetInt64(i);
}
