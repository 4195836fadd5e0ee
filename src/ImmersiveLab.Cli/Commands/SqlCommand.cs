using System.CommandLine;
using ImmersiveLab.Cli.Hosting;
using ImmersiveLab.Cli.Output;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Cli.Commands;

/// <summary><c>imlab sql [--learner NAME] [--class CODE] [--file F | "SQL"] [--json]</c>: runs SQL in a learner's sandbox
/// through the same runner as the app (creating the sandbox if needed).</summary>
internal static class SqlCommand
{
    public static Command Create(LabHostFactory hosts)
    {
        var learner = new LearnerOptions();
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read the SQL from this file ('-' for standard input)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per statement (columns, rows, tag, notices, error)" };
        var sql = new Argument<string?>("sql") { Description = "The SQL to run (one or more statements)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("sql", "Run SQL in a learner's sandbox");
        learner.AddTo(command);
        command.Add(file);
        command.Add(json);
        command.Add(sql);

        CommandRunner.SetAction(command, hosts, async (parse, host, output, ct) =>
        {
            var text = await ReadSqlAsync(parse.GetValue(sql), parse.GetValue(file), ct);
            var who = (await learner.ResolveAsync(parse, host.Get<LearnerDirectory>(), create: true, ct))!;
            var result = await host.Get<SqlRunner>().RunAsync(who, text, ct);
            if (parse.GetValue(json)) await JsonResultWriter.WriteAsync(output, who, result, ct);
            else await TextResultPrinter.WriteAsync(output, result);
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }

    private static async Task<string> ReadSqlAsync(string? inline, FileInfo? file, CancellationToken ct)
    {
        if (inline is not null && file is not null) throw new CliException("Give the SQL either inline or with --file, not both.");
        if (file is not null)
        {
            if (file.Name == "-") return await Console.In.ReadToEndAsync(ct);
            if (!file.Exists) throw new CliException($"No such file: {file.FullName}");
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        return inline ?? throw new CliException("Give the SQL to run, e.g. imlab sql \"SELECT 1\", or --file script.sql.");
    }
}
