using System.CommandLine;
using ImmersiveLab.Cli.Commands;
using ImmersiveLab.Cli.Hosting;

namespace ImmersiveLab.Cli;

/// <summary>The imlab command line: the lab's services from a terminal, with the app's configuration.</summary>
public static class ImlabCli
{
    public static RootCommand Build(LabHostFactory hosts)
    {
        var root = new RootCommand("ImmersiveLab: PostgreSQL multimedia search workbook (command line)");
        root.Add(SqlCommand.Create(hosts));
        root.Add(SandboxCommand.Create(hosts));
        root.Add(LabsCommand.Create(hosts));
        root.Add(PatternCommand.Create());
        root.Add(SignatureCommand.Create());
        root.Add(EmbedCommand.Create());
        root.Add(ModelCommand.Create());
        root.Add(ImportCommand.Create(hosts));
        root.Add(EvaluateCommand.Create());
        root.Add(InstructorCommand.Create(hosts));
        return root;
    }

    /// <summary>Runs the command line; <paramref name="configuration"/> adds settings on top of appsettings.json and
    /// the environment (tests use it to point at their cluster).</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string?>? configuration = null, CancellationToken ct = default)
    {
        var hosts = new LabHostFactory(configuration, error);
        var parse = Build(hosts).Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }
}
