using System.CommandLine;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Cli.Commands;

/// <summary>
/// <c>imlab model status</c>: which verified model file is in use and where it came from (the repository's models/
/// folder, a download, a fallback folder). Never touches the network. Exit 0 with a model, 4 without.
/// </summary>
internal static class ModelStatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Say which embedding model file is in use and where it came from (no network)");
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            await using var services = ImagingServices.Build(error);
            var status = await services.GetRequiredService<ModelStore>().GetStatusAsync(ct);
            if (!status.IsAvailable)
            {
                await error.WriteLineAsync("imlab: " + status.Message);
                return ModelFetchCommand.NoModel;
            }
            await output.WriteLineAsync(status.Message);
            return 0;
        });
        return command;
    }
}
