using System.Diagnostics;
using ImmersiveLab.Database;
using Npgsql;

namespace ImmersiveLab.Bench.ResultsRender;

/// <summary>psql as the same learner (their role, password and sandbox database), printing every row, bytea included.</summary>
public sealed class PsqlFetch(string psql, IReadOnlyDictionary<string, string> environment)
{
    /// <summary>The credentials of the most recently created sandbox: the one the benchmark's browser just made.</summary>
    public static async Task<PsqlFetch> ForNewestLearnerAsync(LabServer server, string psql)
    {
        await using var cmd = server.Metadata.CreateCommand(
            "SELECT database_name, role_name, role_password FROM sandboxes ORDER BY created_at DESC LIMIT 1");
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException("No sandbox was created.");
        var cs = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return new PsqlFetch(psql, new Dictionary<string, string>
        {
            ["PGHOST"] = cs.Host!, ["PGPORT"] = cs.Port.ToString(), ["PGDATABASE"] = cs.Database!,
            ["PGUSER"] = cs.Username!, ["PGPASSWORD"] = cs.Password!, ["PGAPPNAME"] = "bench-psql",
        });
    }

    /// <summary>Runs the query once; returns the wall time of the psql process and the bytes it printed.</summary>
    public async Task<(TimeSpan Elapsed, long OutputBytes)> RunAsync(string sql)
    {
        var start = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql }) start.ArgumentList.Add(arg);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        long bytes = 0;
        var buffer = new char[81920];
        int n;
        while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0) bytes += n;
        await process.WaitForExitAsync();
        stopwatch.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"psql failed ({process.ExitCode}): {await errors}");
        return (stopwatch.Elapsed, bytes);
    }
}
