using System.Diagnostics;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Database.Tests;

public sealed class PrerequisiteScriptTests
{
    [Fact]
    public async Task Run_check_reports_every_prerequisite_it_found_and_changes_nothing()
    {
        var psi = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "run.sh"), "--check")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        using var p = Process.Start(psi)!;
        var stdout = await p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.True(p.ExitCode == 0, $"run.sh --check failed ({p.ExitCode}):\n{stdout}\n{stderr}");
        Assert.Matches(@"found: postgresql 1[5-9]\.\d+ \(/", stdout);
        Assert.Matches(@"found: pgvector 0\.([89]|\d\d)\.\d+", stdout);
        Assert.Contains("found: dotnet 10.", stdout);
        Assert.DoesNotContain("apt-get", stderr); // a check installs nothing
    }

    [Fact]
    public async Task Run_check_reports_pgvector_missing_for_a_server_without_it()
    {
        // A fake bin directory whose pg_config points at an empty share directory: pgvector must be reported missing.
        using var dir = new TempDirectory();
        var bin = Path.Combine(dir.Path, "15", "bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in new[] { "postgres", "initdb" })
            File.CreateSymbolicLink(Path.Combine(bin, tool), Path.Combine(PostgresBin(), tool));
        await File.WriteAllTextAsync(Path.Combine(bin, "pg_config"), $"#!/bin/sh\n[ \"$1\" = --sharedir ] && echo {dir.Path}/share\n");
        File.SetUnixFileMode(Path.Combine(bin, "pg_config"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var psi = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "run.sh"), "--check") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["LAB_PG_BINDIR"] = bin;
        using var p = Process.Start(psi)!;
        var stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.Equal(1, p.ExitCode);
        Assert.Contains("missing: pgvector >= 0.8.0", stdout);
    }

    private static string PostgresBin() =>
        ImmersiveLab.Database.Cluster.PostgresBinaries.Locate(null).BinDirectory;
}
