using System.CommandLine;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab model fetch|status</c>: the embedding model.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var command = new Command("model", "Manage the image embedding model");
        command.Add(ModelFetchCommand.Create());
        command.Add(ModelStatusCommand.Create());
        return command;
    }
}
