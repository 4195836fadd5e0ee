using System.Diagnostics;
using System.Text;

namespace ImmersiveLab.Database.Cluster;

/// <summary>Runs a PostgreSQL program, as the postgres OS user when this process is root (initdb refuses root).</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, CancellationToken ct, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        if (RunsAsRoot)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", program }) psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = program;
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Keep the child from inheriting settings that change its language or output.
        psi.Environment["LC_MESSAGES"] = "C";
        psi.Environment.Remove("PGPASSWORD");

        using var process = new Process { StartInfo = psi };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            throw new LabDatabaseException($"Could not start {program}: {ex.Message}", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        process.WaitForExit(); // flush the async output readers
        lock (output) return new Result(process.ExitCode, output.ToString());
    }

    /// <summary>Makes a path owned by the postgres OS user when running as root, so the server can use it.</summary>
    public static async Task GiveToPostgresAsync(string path, CancellationToken ct)
    {
        if (!RunsAsRoot) return;
        var psi = new ProcessStartInfo("chown") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-R", "postgres:postgres", path }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new LabDatabaseException($"Could not hand {path} to the postgres OS user: {await p.StandardError.ReadToEndAsync(ct)}");
    }
}
