using System.CommandLine;
using ImmersiveLab.Cli.Hosting;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Cli.Commands;

/// <summary>Starts the lab's services for a command's action and turns expected failures into messages.</summary>
internal static class CommandRunner
{
    public static void SetAction(Command command, LabHostFactory hosts, Func<ParseResult, LabHost, TextWriter, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                await using var host = await hosts.StartAsync(ct);
                return await action(parse, host, output, ct);
            }
            catch (CliException e)
            {
                await error.WriteLineAsync("imlab: " + e.Message);
                return 2;
            }
            catch (Exception e) when (e is LabDatabaseException or LabUnavailableException or OptionsValidationException or ImmersiveLab.Classroom.ClassroomUnavailableException)
            {
                await error.WriteLineAsync("imlab: " + e.Message);
                return 3;
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync("imlab: " + e.Message);
                return 2;
            }
        });
    }
}
