using System.CommandLine;
using ImmersiveLab.Cli.Hosting;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab sandbox drop [--learner NAME] [--class CODE]</c>: removes the sandbox; the next use recreates it.</summary>
internal static class SandboxDropCommand
{
    public static Command Create(LabHostFactory hosts)
    {
        var learner = new LearnerOptions();
        var command = new Command("drop", "Drop a learner's sandbox (progress is kept; it is recreated on next use)");
        learner.AddTo(command);
        CommandRunner.SetAction(command, hosts, async (parse, host, output, ct) =>
        {
            var who = await learner.ResolveAsync(parse, host.Get<LearnerDirectory>(), create: false, ct)
                      ?? throw new CliException($"No learner named '{parse.GetValue(learner.Learner)}'.");
            var dropped = await host.Get<SandboxProvisioner>().DropAsync(who.Id, ct);
            await output.WriteLineAsync(dropped ? $"Dropped the sandbox of {who.Name}." : $"{who.Name} has no sandbox.");
            return 0;
        });
        return command;
    }
}
