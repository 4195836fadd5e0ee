using System.CommandLine;
using ImmersiveLab.Cli.Hosting;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab sandbox list|reset|drop</c>: the instructor's sandbox operations.</summary>
internal static class SandboxCommand
{
    public static Command Create(LabHostFactory hosts)
    {
        var command = new Command("sandbox", "List, reset or drop learner sandboxes");
        command.Add(SandboxListCommand.Create(hosts));
        command.Add(SandboxResetCommand.Create(hosts));
        command.Add(SandboxDropCommand.Create(hosts));
        return command;
    }
}
