using System.CommandLine;
using System.Text.Json;
using ImmersiveLab.Cli.Hosting;
using ImmersiveLab.Cli.Output;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab sandbox list [--class CODE] [--json]</c></summary>
internal static class SandboxListCommand
{
    public static Command Create(LabHostFactory hosts)
    {
        var classCode = new Option<string?>("--class", "-c") { Description = "Only the sandboxes of this class" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("list", "List sandboxes with their learner, server, size, connections and last use") { classCode, json };
        CommandRunner.SetAction(command, hosts, async (parse, host, output, ct) =>
        {
            Guid? classId = null;
            if (parse.GetValue(classCode) is { Length: > 0 } code)
                classId = await host.Get<LearnerDirectory>().FindClassIdByCodeAsync(code, ct) ?? throw new CliException($"No open class has the code '{code}'.");
            var list = await host.Get<SandboxProvisioner>().ListAsync(classId, ct);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(list, JsonResultWriter.Options));
                return 0;
            }
            var rows = list.Select(s => new[]
            {
                s.LearnerName, s.ClassId?.ToString() ?? "(solo)", s.ServerKey, s.DatabaseName,
                s.Exists ? FormatSize(s.SizeBytes) : s.ServerAvailable ? "missing" : "server unavailable",
                s.Connections.ToString(), s.LastUsedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm"),
            }).ToList();
            await TextResultPrinter.WriteTableAsync(output, ["learner", "class", "server", "database", "size", "connections", "last used"], rows);
            await output.WriteLineAsync($"({list.Count} sandbox{(list.Count == 1 ? "" : "es")})");
            return 0;
        });
        return command;
    }

    private static string FormatSize(long? bytes) => bytes is null ? "" : $"{bytes / (1024.0 * 1024.0):0.0} MB";
}
