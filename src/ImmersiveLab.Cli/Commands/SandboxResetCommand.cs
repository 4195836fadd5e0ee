using System.CommandLine;
using ImmersiveLab.Cli.Hosting;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab sandbox reset [--learner NAME] [--class CODE]</c>: a fresh sandbox; progress is kept.</summary>
internal static class SandboxResetCommand
{
    public static Command Create(LabHostFactory hosts)
    {
        var learner = new LearnerOptions();
        var command = new Command("reset", "Drop a learner's sandbox and create a fresh one from the template (progress is kept)");
        learner.AddTo(command);
        CommandRunner.SetAction(command, hosts, async (parse, host, output, ct) =>
        {
            var who = await learner.ResolveAsync(parse, host.Get<LearnerDirectory>(), create: false, ct)
                      ?? throw new CliException($"No learner named '{parse.GetValue(learner.Learner)}'.");
            var info = await host.Get<SandboxProvisioner>().ResetAsync(who, ct);
            await output.WriteLineAsync($"Reset the sandbox of {who.Name} ({info.DatabaseName} on server {info.ServerKey}).");
            return 0;
        });
        return command;
    }
}
