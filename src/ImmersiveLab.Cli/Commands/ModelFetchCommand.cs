using System.CommandLine;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Cli.Commands;

/// <summary>
/// <c>imlab model fetch [--quiet]</c>: keeps a verified installed model, else downloads and verifies it, else copies a
/// verified one from the configured fallback folders. Exit 0 with the model installed; 4 and the reasons when none
/// could be obtained (./run.sh goes on without embeddings then).
/// </summary>
internal static class ModelFetchCommand
{
    public const int NoModel = 4;

    public static Command Create()
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing on success" };
        var command = new Command("fetch", "Download (or copy from a fallback folder) and verify the embedding model") { quiet };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            await using var services = ImagingServices.Build(error);
            var store = services.GetRequiredService<ModelStore>();
            var isQuiet = parse.GetValue(quiet);
            var progress = isQuiet ? null : new SynchronousProgress(line => output.WriteLine(line));
            try
            {
                var path = await store.FetchAsync(progress, ct);
                if (!isQuiet) await output.WriteLineAsync($"{store.Manifest.Name} ready: {path}");
                return 0;
            }
            catch (ModelUnavailableException e)
            {
                await error.WriteLineAsync("imlab: " + e.Message);
                return NoModel;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"imlab: could not install the model into {store.ModelDirectory}: {e.Message} " +
                                           "Set Imaging:Model:ModelDirectory (or LAB_DATA) to a writable folder.");
                return NoModel;
            }
        });
        return command;
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
