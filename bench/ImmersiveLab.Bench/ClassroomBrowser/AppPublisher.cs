using System.Diagnostics;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// The web app as it is deployed: <c>dotnet publish</c> of src/ImmersiveLab.Web (Release) into .lab/bench-app. The
/// build output alone is not enough: outside Development it serves no _content/ or _framework/ files.
/// </summary>
public static class AppPublisher
{
    public static async Task<string> PublishAsync(string repositoryRoot, CancellationToken ct)
    {
        var output = Path.Combine(repositoryRoot, ".lab", "bench-app");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
                 {
                     "publish", Path.Combine(repositoryRoot, "src", "ImmersiveLab.Web", "ImmersiveLab.Web.csproj"),
                     "-c", "Release", "-o", output, "--nologo", "-v", "quiet", "-clp:ErrorsOnly",
                 })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        return output;
    }
}
