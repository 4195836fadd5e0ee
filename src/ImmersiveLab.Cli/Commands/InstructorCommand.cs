using System.CommandLine;
using ImmersiveLab.Cli.Hosting;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab instructor rotate-token</c>: the instructor's access.</summary>
internal static class InstructorCommand
{
    public static Command Create(LabHostFactory hosts)
    {
        var command = new Command("instructor", "The instructor's sign-in token");
        command.Add(InstructorRotateTokenCommand.Create(hosts));
        return command;
    }
}
