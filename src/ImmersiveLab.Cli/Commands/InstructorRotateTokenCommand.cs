using System.CommandLine;
using ImmersiveLab.Classroom;
using ImmersiveLab.Cli.Hosting;

namespace ImmersiveLab.Cli.Commands;

/// <summary>
/// <c>imlab instructor rotate-token</c>: a new generated instructor token, printed (alone on stdout, for scripts). Every
/// instructor session made with the old token ends (within seconds on a running app). A token set in configuration
/// (Classroom:InstructorToken) is changed there instead.
/// </summary>
internal static class InstructorRotateTokenCommand
{
    public static Command Create(LabHostFactory hosts)
    {
        var command = new Command("rotate-token", "Replace the instructor token (after it leaked) and end every instructor session; prints the new token");
        CommandRunner.SetAction(command, hosts, async (_, host, output, ct) =>
        {
            string token;
            try
            {
                token = await host.Get<InstructorToken>().RotateAsync(ct);
            }
            catch (ClassroomException e)
            {
                throw new CliException(e.Message);
            }
            await output.WriteLineAsync(token);
            return 0;
        });
        return command;
    }
}
